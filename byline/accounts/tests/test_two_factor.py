"""A reader turns on an authenticator app; from then on logging in asks for its code."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

from allauth.mfa.models import Authenticator

from byline.accounts.tests.signing_in import PASSWORD, parsed


def totp(secret: str, at: float | None = None) -> str:
    """Return the 6-digit code an authenticator app shows now (RFC 6238, SHA-1, 30 s)."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def turn_on_totp(client) -> str:
    client.post("/accounts/login/", {"login": "charlie", "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = parsed(client.get("/accounts/2fa/totp/activate/"))
    secret = page.select_one("#authenticator_secret")["value"]
    done = client.post("/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert done.status_code == 302, parsed(done).get_text()
    return secret


def test_logging_in_asks_for_the_code_once_totp_is_on(client, charlie):
    secret = turn_on_totp(client)
    client.post("/accounts/logout/")

    answer = client.post("/accounts/login/", {"login": "charlie", "password": PASSWORD})

    assert answer["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert "_auth_user_id" not in client.session and wrong.status_code == 200
    client.post("/accounts/2fa/authenticate/", {"code": totp(secret)})
    assert client.session["_auth_user_id"] == str(charlie.pk)


def test_recovery_codes_are_made_and_each_works_once(client, charlie):
    turn_on_totp(client)
    shown = parsed(client.get("/accounts/2fa/recovery-codes/")).get_text(" ")
    stored = Authenticator.objects.get(user=charlie, type=Authenticator.Type.RECOVERY_CODES)
    codes = stored.wrap().get_unused_codes()
    assert len(codes) == 10 and all(c in shown for c in codes)
    code = codes[0]
    client.post("/accounts/logout/")

    client.post("/accounts/login/", {"login": "charlie", "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert client.session["_auth_user_id"] == str(charlie.pk)

    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": "charlie", "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert "_auth_user_id" not in client.session
