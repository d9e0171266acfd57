"""Guessing passwords and mass sign-ups run into limits, counted in the shared cache."""

from __future__ import annotations

from byline.accounts.tests.signing_in import log_in, parsed

TOO_MANY = "Too many failed login attempts. Try again later."


def error_of(response) -> str:
    found = parsed(response).select_one(".form-errors, .errorlist")
    return found.get_text(" ", strip=True) if found else ""


def test_a_reader_guessing_one_accounts_password_is_stopped(client, charlie):
    guesses = [client.post("/accounts/login/", {"login": "charlie", "password": f"guess {n}"})
               for n in range(7)]  # fmt: skip

    assert [TOO_MANY in error_of(g) for g in guesses] == [False] * 5 + [True, True]
    # Even the right password waits now: the limit is on the account, not on the guess.
    right = log_in(client, "charlie")
    assert TOO_MANY in error_of(right)
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_accounts_gets_too_many_requests(client, db):
    statuses = [log_in(client, f"someone{n}", "x").status_code for n in range(31)]

    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    refused = client.post("/accounts/login/", {"login": "someone", "password": "x"})
    assert parsed(refused).h1.get_text() == "Too many attempts"


def test_sign_ups_from_one_address_are_limited(client, db):
    statuses = [
        client.post("/accounts/signup/", {"email": f"r{n}@example.test", "username": f"r{n}",
                                          "password1": "x", "password2": "y"}).status_code
        for n in range(22)
    ]  # fmt: skip

    assert statuses[:20] == [200] * 20  # refused for the mismatched passwords, but answered
    assert statuses[20:] == [429, 429]


def test_limits_are_kept_in_the_cache_that_app_servers_share(settings):
    # With REDIS_URL set, the cache is Redis (settings.py), so every app server counts together.
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"
    assert settings.ACCOUNT_RATE_LIMITS["signup"] == "20/m/ip"
