"""A guest asks for a blog's new posts by email beside the Follow button: double opt-in."""

from __future__ import annotations

from byline.subscriptions.models import Subscription
from byline.subscriptions.tests.mailing import path_of, run_worker

from .liking import follow_form, parsed


def subscribe(client, email: str):
    form = follow_form(client.get("/demo/")).select_one(".follow-by-email form")
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    return client.post(form["action"], {**fields, "follow_email": email})


def test_guest_confirms_by_email_then_gets_new_posts(guest, demo_blog, smtp):
    answer = subscribe(guest, "Zoe@Example.test")

    assert answer.status_code == 200
    status = parsed(answer).find(role="status")
    assert status.get_text().startswith("Almost done: we sent a link to")
    assert status.strong.get_text() == "zoe@example.test"
    subscription = Subscription.objects.get()
    assert (subscription.kind, subscription.email, subscription.is_confirmed) == (
        "posts", "zoe@example.test", False)  # fmt: skip

    run_worker()
    mail = smtp.to("zoe@example.test")[0]
    assert guest.get(path_of(mail.link_to("/notifications/confirm/"))).status_code == 200
    subscription.refresh_from_db()
    assert subscription.is_confirmed


def test_a_bad_address_is_refused_with_a_message(guest, demo_blog):
    answer = subscribe(guest, "not an address")
    assert answer.status_code == 400
    assert parsed(answer).select_one(".field-error").get_text().startswith("That does not look")
    assert not Subscription.objects.exists()


def test_asking_twice_sends_one_confirmation(guest, demo_blog, smtp):
    subscribe(guest, "zoe@example.test")
    subscribe(guest, "zoe@example.test")
    run_worker()
    assert len(smtp.to("zoe@example.test")) == 1
    assert Subscription.objects.count() == 1
