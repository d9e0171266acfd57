"""Session and CSRF cookies: out of scripts' reach, Lax, and Secure on an HTTPS platform."""

from __future__ import annotations

import pytest

from byline.accounts.tests.signing_in import log_in


def cookies_after_log_in(client) -> dict:
    client.get("/accounts/login/")
    answer = log_in(client, "charlie")
    assert answer.status_code == 302
    return {**client.cookies, **answer.cookies}


def test_session_cookie_is_http_only_and_lax(client, charlie):
    session = cookies_after_log_in(client)["sessionid"]

    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


def test_csrf_cookie_is_http_only_and_lax(client, demo_blog):
    # A guest's post page holds no CSRF token (byline/pagecache/csrf.py); the log-in page does.
    client.get("/accounts/login/")
    csrf = client.cookies["csrftoken"]

    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"


@pytest.mark.parametrize("site, secure", [("https://byline.example", True),
                                          ("http://127.0.0.1:8000", False)])  # fmt: skip
def test_cookies_are_secure_when_the_platform_is_served_over_https(site, secure, monkeypatch):
    import importlib

    import byline.settings

    monkeypatch.setenv("BYLINE_SITE_URL", site)
    try:
        reloaded = importlib.reload(byline.settings)
        assert reloaded.SESSION_COOKIE_SECURE is secure
        assert reloaded.CSRF_COOKIE_SECURE is secure
    finally:
        monkeypatch.delenv("BYLINE_SITE_URL")
        importlib.reload(byline.settings)
