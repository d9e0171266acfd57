"""Posting a comment sends no mail from the request: it queues it, and `byline worker` sends it.

The comment, its place in the queue and the post author's notification are stored in the
one transaction that stores the comment, so no reader waits on a mail server and no
accepted comment goes untold.
"""

from __future__ import annotations

from byline.comments.models import Comment
from byline.social.models import Notification
from byline.subscriptions.tests.conftest import smtp  # noqa: F401 - a real SMTP server
from byline.subscriptions.tests.following import YANN, comment, publish_guests_at_once
from byline.subscriptions.tests.mailing import queued, run_worker
from tests.factories import PostFactory


def test_the_request_queues_the_mail_and_the_worker_delivers_it(guest, alice, demo_blog, smtp):  # noqa: F811
    publish_guests_at_once(demo_blog)
    post = PostFactory(blog=demo_blog, title="First light", author=alice)
    waiting = queued()

    answer = comment(guest, post, YANN, "Hello Alice.")
    assert answer.status_code == 303
    stored = Comment.objects.get(content="Hello Alice.")
    assert stored.status == Comment.Status.APPROVED
    assert smtp.received == []  # nothing was sent while the reader waited
    assert queued() == waiting + 1
    assert Notification.objects.filter(recipient=alice, comment=stored).count() == 1

    run_worker()
    [mail] = smtp.to(alice.email)
    assert "Hello Alice." in mail.text
    assert queued() == 0
