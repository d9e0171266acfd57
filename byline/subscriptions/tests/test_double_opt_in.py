"""A guest who ticks "Notify me" must confirm by email before any notification is sent."""

from __future__ import annotations

import datetime

import time_machine
from bs4 import BeautifulSoup

from byline.subscriptions.models import Subscription
from byline.subscriptions.tests.following import YANN, ZOE, comment, publish_guests_at_once
from byline.subscriptions.tests.mailing import path_of, queued, run_worker
from tests.factories import PostFactory


def test_guest_who_never_confirms_gets_nothing_but_the_confirmation_email(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog, title="First light")
    comment(guest, post, ZOE, "Lovely.", subscribe_comments=True, subscribe_blog=True)
    run_worker()

    [confirmation] = smtp.to("zoe@example.test")
    assert confirmation.subject == "[Field Notes] Please confirm your subscription"
    [sender] = confirmation.message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Field Notes", "noreply@byline.test")
    assert "new comments on “First light”" in confirmation.text
    assert "new posts on Field Notes" in confirmation.text
    assert "/notifications/confirm/" in confirmation.link_to("/notifications/confirm/")

    comment(guest, post, YANN, "Me too!")
    PostFactory(blog=demo_blog, title="Second light", published_at=None)
    run_worker()

    assert smtp.to("zoe@example.test") == [confirmation]
    assert not Subscription.objects.confirmed().exists()


def test_guest_who_follows_the_link_is_subscribed_to_what_they_ticked(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog, title="First light")
    comment(guest, post, ZOE, "Lovely.", subscribe_comments=True, subscribe_blog=True)
    run_worker()
    link = smtp.to("zoe@example.test")[0].link_to("/notifications/confirm/")

    response = guest.get(path_of(link))

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "You are subscribed"
    assert [li.get_text() for li in page.select("ul.subscriptions li")] == [
        "new comments on “First light”",
        "new posts on Field Notes",
    ]
    assert Subscription.objects.confirmed().count() == 2
    assert guest.get(path_of(link)).status_code == 200  # a second click changes nothing


def test_signed_in_reader_is_subscribed_at_once_without_a_confirmation_email(
    signed_in, charlie, demo_blog, smtp
):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog)
    comment(signed_in(charlie), post, {}, "Nice one.", subscribe_comments=True)
    run_worker()

    assert smtp.to(charlie.email) == []
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.user, subscription.is_confirmed) == (
        charlie.email, charlie, True,
    )  # fmt: skip


def test_ticking_the_box_again_soon_sends_no_second_confirmation(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog)
    comment(guest, post, ZOE, "One.", subscribe_comments=True)
    comment(guest, post, ZOE, "Two.", subscribe_comments=True)
    run_worker()

    assert len(smtp.to("zoe@example.test")) == 1
    assert Subscription.objects.count() == 1


def test_a_changed_confirmation_link_says_it_is_damaged_and_confirms_nothing(
    guest, demo_blog, smtp
):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog)
    comment(guest, post, ZOE, "Lovely.", subscribe_comments=True)
    run_worker()
    link = path_of(smtp.to("zoe@example.test")[0].link_to("/notifications/confirm/"))

    response = guest.get(link.replace("/confirm/", "/confirm/x"))

    assert response.status_code == 400
    message = BeautifulSoup(response.content, "html.parser").select_one(".bad-link").get_text()
    assert message.startswith("This link is damaged")
    assert not Subscription.objects.confirmed().exists()


def test_an_expired_confirmation_link_says_so_and_the_request_is_forgotten(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog)
    comment(guest, post, ZOE, "Lovely.", subscribe_comments=True)
    run_worker()
    link = path_of(smtp.to("zoe@example.test")[0].link_to("/notifications/confirm/"))

    with time_machine.travel(datetime.timedelta(days=8)):
        response = guest.get(link)
        assert response.status_code == 410
        page = BeautifulSoup(response.content, "html.parser")
        assert "expired" in page.select_one(".bad-link").get_text()
        comment(guest, post, YANN, "Later.", subscribe_comments=True)
        run_worker()  # the next confirmation task sweeps unconfirmed requests away

    assert list(Subscription.objects.values_list("email", flat=True)) == ["yann@example.test"]


def test_posting_a_comment_only_queues_mail_and_the_worker_sends_it(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog)

    comment(guest, post, ZOE, "Lovely.", subscribe_comments=True)

    assert smtp.received == []
    assert queued() == 2  # the confirmation, and the notice to the post's author
    run_worker()
    assert smtp.recipients() == ["alice@example.test", "zoe@example.test"]
    assert queued() == 0
