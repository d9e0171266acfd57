"""A burst of likes queues one email task for the writer, and its email tells of every like."""

from __future__ import annotations

import time

import time_machine
from django.core.cache import cache
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from byline.social.models import Like
from byline.social.notifications import EMAIL_AFTER, RIDE_ALONG_MARGIN
from byline.subscriptions.tests.mailing import queued, run_worker
from tests.factories import UserFactory


def email_tasks() -> int:
    """Return how many notification email tasks wait, due or not yet."""
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    return waiting.filter(task_path="byline.social.tasks.email_notifications").count()


def like_and_commit(fan, post, django_capture_on_commit_callbacks) -> None:
    """Like as a request does: the transaction commits, and what waits for it runs."""
    with django_capture_on_commit_callbacks(execute=True):
        Like.add(fan, post=post)


def test_five_likes_in_a_minute_queue_one_task_and_make_one_email(
    alice, post, smtp, django_capture_on_commit_callbacks
):
    cache.clear()
    fans = [UserFactory(username=f"fan{n}", display_name=f"Fan {n}") for n in range(5)]
    for fan in fans:
        like_and_commit(fan, post, django_capture_on_commit_callbacks)
    assert email_tasks() == 1

    with time_machine.travel(time.time() + EMAIL_AFTER.total_seconds() + 60, tick=False):
        run_worker()
    [mail] = smtp.to(alice.email)
    assert mail.subject == "[Byline] 5 new notifications"
    assert all(f"- Fan {n} liked “Spring tides”" in mail.text for n in range(5))
    assert queued() == 0


def test_a_like_near_the_queued_tasks_time_queues_its_own(
    alice, post, smtp, django_capture_on_commit_callbacks
):
    cache.clear()
    like_and_commit(UserFactory(username="early"), post, django_capture_on_commit_callbacks)
    # Later than RIDE_ALONG_MARGIN before the queued task runs: it might not see this one.
    almost = EMAIL_AFTER - RIDE_ALONG_MARGIN + RIDE_ALONG_MARGIN / 2
    with time_machine.travel(time.time() + almost.total_seconds(), tick=False):
        like_and_commit(UserFactory(username="late"), post, django_capture_on_commit_callbacks)
    assert email_tasks() == 2


def test_once_the_task_has_run_the_next_like_queues_a_new_one(
    alice, post, smtp, django_capture_on_commit_callbacks
):
    cache.clear()
    like_and_commit(UserFactory(username="first"), post, django_capture_on_commit_callbacks)
    with time_machine.travel(time.time() + EMAIL_AFTER.total_seconds() + 60, tick=False):
        run_worker()
    like_and_commit(UserFactory(username="second"), post, django_capture_on_commit_callbacks)
    assert email_tasks() == 1  # the new one: the first ran
