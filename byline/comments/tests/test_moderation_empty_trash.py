"""The Trash empties itself after 30 days: by cron (`byline empty_trash`) or by the worker."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from byline.comments.housekeeping import empty_trash, empty_trash_task
from byline.comments.models import Comment
from byline.comments.tests.moderating import comment_on
from tests.factories import PostFactory


def trash_then_wait(demo_blog):
    """Trash one comment 31 days ago and another 29 days ago; return them and a live one."""
    start = timezone.now()
    post = PostFactory(blog=demo_blog)
    with time_machine.travel(start - datetime.timedelta(days=40), tick=False):
        old_live = comment_on(post, Comment.Status.APPROVED)
        long_trashed = comment_on(post, Comment.Status.APPROVED)
        recently_trashed = comment_on(post, Comment.Status.PENDING)
    with time_machine.travel(start - datetime.timedelta(days=31), tick=False):
        long_trashed.set_status(Comment.Status.TRASH)
    with time_machine.travel(start - datetime.timedelta(days=29), tick=False):
        recently_trashed.set_status(Comment.Status.TRASH)
    return post, old_live, long_trashed, recently_trashed


def test_empty_trash_deletes_only_comments_trashed_over_30_days_ago(demo_blog):
    post, old_live, long_trashed, recently_trashed = trash_then_wait(demo_blog)

    assert empty_trash() == 1

    assert set(Comment.objects.values_list("pk", flat=True)) == {old_live.pk, recently_trashed.pk}
    post.refresh_from_db()
    assert post.comment_count == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert empty_trash() == 1
    assert list(Comment.objects.values_list("pk", flat=True)) == [old_live.pk]


def test_operator_empties_the_trash_from_the_command_line(demo_blog):
    trash_then_wait(demo_blog)
    out = io.StringIO()

    call_command("empty_trash", "--dry-run", stdout=out)
    assert Comment.objects.count() == 3
    call_command("empty_trash", stdout=out)

    assert out.getvalue().splitlines() == [
        "1 comment would be deleted.",
        "Deleted 1 comment trashed more than 30 days ago.",
    ]
    assert Comment.objects.count() == 2


# Committed for real: the worker closes a connection it finds inside a transaction, as it
# would a broken one, and on PostgreSQL that would end the test's own transaction.
@pytest.mark.django_db(transaction=True)
def test_worker_empties_the_trash_when_the_task_is_queued(demo_blog):
    trash_then_wait(demo_blog)

    result = empty_trash_task.enqueue()
    call_command("worker", "--batch", verbosity=0)

    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 1
    assert Comment.objects.count() == 2
