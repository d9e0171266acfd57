"""Readers who follow a post hear of each new comment; its author hears of comments too."""

from __future__ import annotations

from bs4 import BeautifulSoup

from byline.subscriptions.tests.following import (
    YANN,
    ZOE,
    comment,
    confirmed_subscriber,
    publish_guests_at_once,
)
from byline.subscriptions.tests.mailing import path_of, run_worker
from tests.factories import PostFactory


def test_subscriber_gets_the_new_comment_with_a_working_link_and_unsubscribe_headers(
    guest, demo_blog, smtp
):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog, title="First light")
    confirmed_subscriber("zoe@example.test", post=post)

    comment(guest, post, YANN, "I saw it too.\n\nFrom the <b>hill</b> & the bridge.")
    run_worker()

    [mail] = smtp.to("zoe@example.test")
    assert mail.rcpt_tos == ["zoe@example.test"]
    assert mail.subject == "[Field Notes] New comment on “First light”"
    assert "Yann Other commented on “First light”:" in mail.text
    assert "I saw it too.\n\nFrom the hill & the bridge." in mail.text
    unsubscribe = mail.link_to("/notifications/unsubscribe/")
    assert mail.list_unsubscribe() == unsubscribe
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.message["Auto-Submitted"] == "auto-generated"
    link = mail.link_to("#comment-")
    page = BeautifulSoup(guest.get(path_of(link)).content, "html.parser")
    anchor = link.rpartition("#")[2]
    assert "I saw it too." in page.find(id=anchor).get_text()


def test_commenter_is_not_told_of_their_own_comment(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog)
    confirmed_subscriber("zoe@example.test", post=post)
    confirmed_subscriber("yann@example.test", post=post)

    comment(guest, post, ZOE, "My own words.")
    run_worker()

    assert smtp.recipients() == ["alice@example.test", "yann@example.test"]


def test_post_author_hears_of_each_comment_but_not_of_their_own(
    guest, signed_in, alice, demo_blog, smtp
):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog, title="First light")

    comment(guest, post, YANN, "Hello Alice.")
    run_worker()
    [mail] = smtp.to("alice@example.test")
    assert mail.subject == "[Field Notes] Comment: “First light”"
    assert "By Yann Other" in mail.text and "Hello Alice." in mail.text
    assert mail.list_unsubscribe() == mail.link_to("/notifications/unsubscribe/")

    smtp.clear()
    comment(signed_in(alice), post, {}, "Thank you, Yann.")
    run_worker()
    assert smtp.received == []


def test_followers_of_another_post_hear_nothing(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post, other = PostFactory(blog=demo_blog), PostFactory(blog=demo_blog)
    confirmed_subscriber("zoe@example.test", post=other)

    comment(guest, post, YANN, "Here, not there.")
    run_worker()

    assert smtp.to("zoe@example.test") == []
