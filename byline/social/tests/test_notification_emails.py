"""Notifications also come by email, from the worker, a few minutes later and grouped."""

from __future__ import annotations

import time

import time_machine

from byline.accounts.models import User
from byline.comments.models import Comment
from byline.comments.tests.commenting import fill_and_send
from byline.social import following
from byline.social.models import EmailChoices, Like
from byline.social.notifications import EMAIL_AFTER
from byline.subscriptions.tests.following import publish_guests_at_once
from byline.subscriptions.tests.mailing import path_of, queued, run_worker
from tests.factories import UserFactory


def choices(user) -> EmailChoices:
    return EmailChoices.of(User.objects.get(pk=user.pk))


def run_worker_later() -> None:
    """Run the worker once the notifications' wait is over."""
    with time_machine.travel(time.time() + EMAIL_AFTER.total_seconds() + 60, tick=False):
        run_worker()


def test_a_burst_of_likes_and_a_follow_is_one_email(alice, charlie, post, demo_blog, smtp):
    fans = [UserFactory(username=f"fan{n}", display_name=f"Fan {n}") for n in range(3)]
    for fan in fans:
        Like.add(fan, post=post)
    following.follow(charlie, demo_blog)

    run_worker()
    assert smtp.to(alice.email) == []  # not yet: it waits for more to happen
    run_worker_later()

    [mail] = smtp.to(alice.email)
    assert mail.subject == "[Byline] 4 new notifications"
    assert "- Fan 0 liked “Spring tides”" in mail.text
    assert "- Charlie Outsider started following Field Notes" in mail.text
    assert path_of(mail.link_to("/notifications/email/stop/")) == path_of(mail.list_unsubscribe())
    assert queued() == 0


def test_nothing_is_emailed_twice(alice, charlie, post, smtp):
    Like.add(charlie, post=post)
    run_worker_later()
    Like.add(UserFactory(username="late", display_name="Late Fan"), post=post)
    run_worker_later()

    assert [m.subject for m in smtp.to(alice.email)] == [
        "[Byline] Charlie Outsider liked “Spring tides”",
        "[Byline] Late Fan liked “Spring tides”",
    ]


def reply_to_charlie(signed_in, charlie, bob, post, **ticked) -> None:
    boxes = {"subscribe_comments": "", "subscribe_blog": "", **ticked}
    fill_and_send(signed_in(charlie), post, comment="A question?", **boxes)
    asked = Comment.objects.get(user=charlie)
    fill_and_send(signed_in(bob), post, comment="An answer.", parent=str(asked.pk),
                  subscribe_comments="", subscribe_blog="")  # fmt: skip
    run_worker_later()


def test_a_reply_is_emailed_to_the_commenter(signed_in, charlie, bob, post, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    reply_to_charlie(signed_in, charlie, bob, post)

    [mail] = smtp.to(charlie.email)
    assert mail.subject == "[Byline] Bob Okafor replied to your comment on “Spring tides”"
    answer = Comment.objects.get(user=bob)
    assert mail.link_to("spring-tides") == f"http://byline.test{answer.get_absolute_url()}"


def test_a_commenter_who_follows_the_comments_gets_one_email(signed_in, charlie, bob, post,
                                                             demo_blog, smtp):  # fmt: skip
    publish_guests_at_once(demo_blog)
    reply_to_charlie(signed_in, charlie, bob, post, subscribe_comments="on")

    [mail] = smtp.to(charlie.email)  # the subscription's, which tells of every new comment
    assert mail.subject == "[Field Notes] New comment on “Spring tides”"


def test_comments_on_ones_posts_come_once_from_the_comment_notices(
    signed_in, alice, charlie, post, demo_blog, smtp
):
    publish_guests_at_once(demo_blog)
    fill_and_send(signed_in(charlie), post, comment="Nice one.")
    run_worker_later()
    [mail] = smtp.to(alice.email)  # byline.subscriptions' "Comment:" email, not a second one
    assert mail.subject == "[Field Notes] Comment: “Spring tides”"


def test_a_kind_turned_off_is_not_emailed(alice, charlie, post, demo_blog, smtp):
    EmailChoices.objects.create(user=alice, like=False)
    Like.add(charlie, post=post)
    following.follow(UserFactory(username="newfan"), demo_blog)
    run_worker_later()
    [mail] = smtp.to(alice.email)
    assert "liked" not in mail.text and "started following" in mail.text


def test_a_notification_read_before_the_email_is_not_emailed(alice, charlie, post, smtp):
    Like.add(charlie, post=post)
    alice.notifications.mark_read()
    run_worker_later()
    assert smtp.to(alice.email) == []


def test_the_one_click_link_stops_those_emails(guest, alice, charlie, post, smtp):
    Like.add(charlie, post=post)
    run_worker_later()
    stop = path_of(smtp.to(alice.email)[0].list_unsubscribe())

    assert guest.get(stop).status_code == 200  # a link checker changes nothing
    assert choices(alice).like is True
    assert guest.post(stop).status_code == 200  # the mail program's one click (RFC 8058)
    assert choices(alice).like is False

    Like.add(UserFactory(username="another"), post=post)
    run_worker_later()
    assert len(smtp.to(alice.email)) == 1
    assert guest.post(stop.replace("stop/", "stop/x")).status_code == 400
