"""A reader who forgot their password sets a new one through a link sent by real SMTP."""

from __future__ import annotations

from urllib.parse import urlsplit

from byline.accounts.models import User
from byline.accounts.tests.signing_in import parsed
from byline.subscriptions.tests.mailing import run_worker

NEW_PASSWORD = "a brand new long password"  # noqa: S105 - chosen in this test


def reset_link(client, smtp) -> str:
    client.post("/accounts/password/reset/", {"email": "charlie@example.test"})
    run_worker()
    [message] = smtp.to("charlie@example.test")
    assert message.subject == "[Byline] Password Reset Email"
    return urlsplit(message.link_to("/accounts/password/reset/key/")).path


def test_reset_link_lets_the_reader_set_a_new_password_and_log_in(client, smtp, charlie):
    form_page = client.get(reset_link(client, smtp), follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else None
    assert form_page.status_code == 200 and action

    done = client.post(action, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert done.status_code == 302
    client.logout()
    answer = client.post("/accounts/login/", {"login": "charlie", "password": NEW_PASSWORD})
    assert answer.status_code == 302
    assert client.session["_auth_user_id"] == str(charlie.pk)


def test_a_reset_link_works_once(client, smtp, charlie):
    link = reset_link(client, smtp)
    action = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(action, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    again = client.get(link, follow=True)

    assert "Bad Token" in parsed(again).get_text() or "invalid" in parsed(again).get_text()
    assert User.objects.get(pk=charlie.pk).check_password(NEW_PASSWORD)


def test_nobody_is_emailed_for_an_unknown_address(client, smtp, db):
    client.post("/accounts/password/reset/", {"email": "ghost@example.test"})
    run_worker()

    assert smtp.to("ghost@example.test") == []
