"""A new Byline account proves its email address through a link sent by real SMTP."""

from __future__ import annotations

from urllib.parse import urlsplit

from allauth.account.models import EmailAddress

from byline.accounts.models import User
from byline.accounts.tests.signing_in import parsed
from byline.subscriptions.tests.mailing import queued, run_worker

PASSWORD = "a long and fine password"  # noqa: S105 - a new reader's, in this test only


def sign_up(client, email="new@example.test", username="newcomer"):
    fields = {"email": email, "username": username, "password1": PASSWORD, "password2": PASSWORD}
    return client.post("/accounts/signup/", fields)


def link_path(message, part: str) -> str:
    url = message.link_to(part)
    assert urlsplit(url).netloc == "testserver"
    return urlsplit(url).path


def test_sign_up_sends_a_verification_link_from_the_worker_not_the_request(client, smtp, db):
    answer = sign_up(client)

    assert answer["Location"] == "/accounts/confirm-email/"
    assert smtp.to("new@example.test") == []  # nothing sent while the reader waited
    assert queued() == 1
    run_worker()
    [message] = smtp.to("new@example.test")
    assert message.subject == "[Byline] Please Confirm Your Email Address"
    assert message.text.startswith("Hello from Byline!")
    assert "/accounts/confirm-email/" in message.text


def test_following_the_link_verifies_the_address_and_logs_in(client, smtp, db):
    sign_up(client)
    run_worker()
    confirm = link_path(smtp.to("new@example.test")[0], "/accounts/confirm-email/")

    page = client.get(confirm)
    assert page.status_code == 200  # a button, not an action on GET: mail scanners follow links
    assert not EmailAddress.objects.get(email="new@example.test").verified
    done = client.post(confirm)

    assert done.status_code == 302
    assert EmailAddress.objects.get(email="new@example.test").verified
    assert client.session["_auth_user_id"] == str(User.objects.get(username="newcomer").pk)


def test_an_unverified_account_cannot_log_in_yet(client, smtp, db):
    sign_up(client)
    client.logout()

    answer = client.post("/accounts/login/", {"login": "newcomer", "password": PASSWORD})

    assert answer["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_a_forged_verification_key_is_refused(client, db):
    answer = client.get("/accounts/confirm-email/not-a-real-key/")

    assert "_auth_user_id" not in client.session
    assert "expired or is invalid" in parsed(answer).get_text(" ")


def test_sign_up_refuses_a_username_the_platform_reserves(client, db):
    answer = sign_up(client, username="admin")

    assert answer.status_code == 200
    assert "“admin” is reserved by Byline" in parsed(answer).get_text()
    assert not User.objects.filter(username="admin").exists()
