"""A reader sees where they are logged in and can log out everywhere else."""

from __future__ import annotations

from django.test import Client

from byline.accounts.tests.signing_in import PASSWORD, parsed


def log_in_on(client: Client) -> Client:
    client.post("/accounts/login/", {"login": "charlie", "password": PASSWORD},
                HTTP_USER_AGENT="Test browser")  # fmt: skip
    assert "_auth_user_id" in client.session
    return client


def test_logging_out_other_sessions_ends_them_and_keeps_this_one(charlie):
    laptop, phone = log_in_on(Client()), log_in_on(Client())

    page = parsed(laptop.get("/accounts/sessions/"))
    assert len(page.select("tbody tr")) == 2
    laptop.post("/accounts/sessions/", {"action": "sign_out_other"})

    assert laptop.get("/accounts/profile/").status_code == 200
    assert phone.get("/accounts/profile/")["Location"].startswith("/accounts/login/")
