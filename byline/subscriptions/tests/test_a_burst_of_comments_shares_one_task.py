"""A burst of comments on a blog queues one mail task, and every email still goes out once.

Each comment used to queue a task of its own (issue #8). Now its emails wait a few seconds
(COMMENT_MAIL_AFTER) in a task that takes every comment of the blog whose emails wait; a
comment joins a waiting task only if it runs RIDE_ALONG_MARGIN later or more. The comment
row says whether its emails wait, and a task takes it in one UPDATE that only one can win,
so two tasks (two app servers, each with its own cache) never send the same email twice.
"""

from __future__ import annotations

import time

import time_machine
from django.core.management import call_command

from byline.comments.models import Comment
from byline.comments.tasks import tell_of_new_comments
from byline.comments.tests.commenting import fill_and_send
from byline.subscriptions.notify import COMMENT_MAIL_AFTER, RIDE_ALONG_MARGIN
from byline.subscriptions.tests.following import (
    YANN,
    ZOE,
    comment,
    confirmed_subscriber,
    publish_guests_at_once,
)
from byline.subscriptions.tests.mailing import queued, run_worker
from tests.factories import PostFactory

NEW_COMMENT = "[Field Notes] New comment on “First light”"
TO_THE_AUTHOR = "[Field Notes] Comment: “First light”"


def subjects(smtp, address: str) -> list[str]:
    return sorted(mail.subject for mail in smtp.to(address))


def test_three_comments_queue_one_task_and_each_is_told_once(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog, title="First light")
    confirmed_subscriber("zoe@example.test", post=post)
    waiting = queued()

    for n in range(3):
        comment(guest, post, YANN, f"Thought number {n}.")
    assert queued() == waiting + 1
    run_worker()

    assert subjects(smtp, "alice@example.test") == [TO_THE_AUTHOR] * 3
    assert subjects(smtp, "zoe@example.test") == [NEW_COMMENT] * 3
    texts = sorted(mail.text for mail in smtp.to("zoe@example.test"))
    assert [f"Thought number {n}." in text for n, text in enumerate(texts)] == [True] * 3
    assert set(Comment.objects.values_list("mail_due", flat=True)) == {""}


def test_two_tasks_for_the_same_comments_send_each_email_once(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog, title="First light")
    confirmed_subscriber("zoe@example.test", post=post)

    comment(guest, post, YANN, "Seen from the hill.")
    comment(guest, post, ZOE, "And from the bridge.")
    tell_of_new_comments.enqueue(demo_blog.pk)  # as another server, whose cache knew nothing
    run_worker()

    assert subjects(smtp, "alice@example.test") == [TO_THE_AUTHOR] * 2
    assert subjects(smtp, "zoe@example.test") == [NEW_COMMENT]  # not of her own comment
    assert subjects(smtp, "yann@example.test") == []


def test_the_mail_waits_for_the_comments_that_follow(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog, title="First light")
    start = time.time()

    fill_and_send(guest, post, comment="First.", **YANN)  # 10 s after `start`, as a person
    worker()  # the real worker, at once: the task is not due yet
    assert smtp.received == []
    # Joins the waiting task, which runs long enough after it.
    fill_and_send(guest, post, comment="Second.", **ZOE, wait=12)
    assert queued() == 1
    # Too close to the task's time to count on it: queues one of its own.
    late = 10 + (COMMENT_MAIL_AFTER - RIDE_ALONG_MARGIN / 2).total_seconds()
    fill_and_send(guest, post, comment="Third.", **ZOE, wait=late)
    assert queued() == 2

    with time_machine.travel(start + 10 + COMMENT_MAIL_AFTER.total_seconds() + 1, tick=False):
        worker()
    assert subjects(smtp, "alice@example.test") == [TO_THE_AUTHOR] * 3  # all three, at once
    assert queued() == 1
    with time_machine.travel(start + 10 + 3 * COMMENT_MAIL_AFTER.total_seconds(), tick=False):
        worker()  # the third comment's own task finds its mail sent already
    assert queued() == 0
    assert subjects(smtp, "alice@example.test") == [TO_THE_AUTHOR] * 3


def test_a_held_comment_is_told_to_the_moderators_once(guest, demo_blog, smtp):
    post = PostFactory(blog=demo_blog, title="First light")
    comment(guest, post, YANN, "Hold me.")  # a first comment: held
    tell_of_new_comments.enqueue(demo_blog.pk)
    run_worker()
    [mail] = smtp.to("alice@example.test")
    assert "Hold me." in mail.text


def test_an_edit_does_not_bring_back_the_emails_sent(guest, demo_blog, smtp):
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog, title="First light")
    comment(guest, post, YANN, "Befor the edit.")
    loaded = Comment.objects.get(content="Befor the edit.")  # its emails still wait
    run_worker()
    assert len(smtp.to("alice@example.test")) == 1

    loaded.content = "Before the edit."  # a moderator fixes the typo
    loaded.save()
    assert Comment.objects.get(pk=loaded.pk).mail_due == ""
    smtp.clear()
    tell_of_new_comments.enqueue(demo_blog.pk)
    run_worker()
    assert smtp.received == []


def worker() -> None:
    """Run the real worker as it is, without making the comment mail due first."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*",
                 "--no-reload", verbosity=0)  # fmt: skip
