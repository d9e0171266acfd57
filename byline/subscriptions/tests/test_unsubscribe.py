"""One click ends one subscription, from the email's link or the mail program's button."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.test import Client

from byline.subscriptions.emails import unsubscribe_link
from byline.subscriptions.models import OptOut, Subscription
from byline.subscriptions.tests.following import (
    YANN,
    comment,
    confirmed_subscriber,
    publish_guests_at_once,
)
from byline.subscriptions.tests.mailing import path_of, run_worker
from tests.factories import PostFactory


def parsed(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_the_link_shows_a_button_and_pressing_it_unsubscribes(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog, title="Low tide")
    confirmed_subscriber("zoe@example.test", post=post)
    comment(guest, post, YANN, "First.")
    run_worker()
    link = path_of(smtp.to("zoe@example.test")[0].link_to("/notifications/unsubscribe/"))

    shown = parsed(guest.get(link))
    assert "new comments on “Low tide” sent to zoe@example.test" in shown.get_text()
    form = shown.select_one("form.unsubscribe-form")
    assert (form["method"], form["action"]) == ("post", link)
    assert Subscription.objects.count() == 1  # looking at the page changes nothing

    done = guest.post(link)
    assert done.status_code == 200
    assert parsed(done).h1.get_text() == "You are unsubscribed"
    assert not Subscription.objects.exists()

    smtp.clear()
    comment(guest, post, YANN, "Second.")
    run_worker()
    assert smtp.to("zoe@example.test") == []


def test_mail_programs_one_click_post_needs_no_cookie_and_no_csrf_token(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog)
    confirmed_subscriber("zoe@example.test", post=post)
    comment(guest, post, YANN, "First.")
    run_worker()
    header = smtp.to("zoe@example.test")[0].list_unsubscribe()

    mail_provider = Client(enforce_csrf_checks=True)
    response = mail_provider.post(
        path_of(header), "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip

    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_unsubscribing_ends_exactly_that_subscription(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post, other = PostFactory(blog=demo_blog), PostFactory(blog=demo_blog, title="Other")
    confirmed_subscriber("zoe@example.test", post=post)
    keep_other = confirmed_subscriber("zoe@example.test", post=other)
    keep_posts = confirmed_subscriber("zoe@example.test", blog=demo_blog)
    comment(guest, post, YANN, "First.")
    run_worker()
    link = smtp.to("zoe@example.test")[0].list_unsubscribe()

    guest.post(path_of(link))
    again = guest.post(path_of(link))

    assert set(Subscription.objects.all()) == {keep_other, keep_posts}
    assert again.status_code == 200
    assert parsed(again).h1.get_text() == "Already unsubscribed"


def test_a_changed_unsubscribe_link_says_it_is_damaged_and_ends_nothing(guest, demo_blog, smtp):
    post = PostFactory(blog=demo_blog)
    zoe = confirmed_subscriber("zoe@example.test", post=post)
    yann = confirmed_subscriber("yann@example.test", post=post)
    link = path_of(unsubscribe_link(subscription=zoe))
    # A token is "payload:signature"; put yann's payload under zoe's signature.
    zoe_payload, signature = link.split("/")[-2].split(":")
    yann_payload = path_of(unsubscribe_link(subscription=yann)).split("/")[-2].split(":")[0]

    for tampered in (
        link.replace(zoe_payload, yann_payload),
        link.replace(signature, signature[::-1]),
        link[:-6] + "/",
    ):
        response = guest.post(tampered)
        assert response.status_code == 400
        message = parsed(response).select_one(".bad-link").get_text()
        assert message.startswith("This link is damaged")
    assert Subscription.objects.count() == 2


def test_post_author_stops_comment_emails_with_one_click(guest, alice, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog)
    comment(guest, post, YANN, "First.")
    run_worker()
    link = smtp.to("alice@example.test")[0].list_unsubscribe()

    shown = parsed(guest.get(path_of(link)))
    assert "new comments on your posts on Field Notes" in shown.get_text()
    guest.post(path_of(link))

    assert OptOut.objects.filter(
        user=alice, blog=demo_blog, kind=OptOut.Kind.COMMENTS_ON_OWN_POSTS
    ).exists()
    smtp.clear()
    comment(guest, post, YANN, "Second.")
    run_worker()
    assert smtp.received == []
