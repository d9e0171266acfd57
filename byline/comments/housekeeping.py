"""Empty the comment Trash: comments trashed more than 30 days ago are deleted for good.

Run it daily, either from cron as `byline empty_trash` or by queueing `empty_trash_task`
for `byline worker`.

Also: render comments stored under older HTML rules again (refresh_stale_html), a batch at
each tick of `byline worker`'s clock (byline/platform/periodic.py).
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from byline.comments.models import Comment


def empty_trash() -> int:
    """Delete the comments trashed more than 30 days ago; return how many went."""
    deleted = 0
    for pk in list(Comment.objects.expired_trash().values_list("pk", flat=True)):
        with transaction.atomic():
            # Look again under a lock: a moderator may restore the comment meanwhile, and
            # Comment.delete() must see its real status to keep the post's count right.
            comment = Comment.objects.expired_trash().select_for_update().filter(pk=pk).first()
            if comment is not None:
                comment.delete()
                deleted += 1
    return deleted


def refresh_stale_html() -> list[str]:
    """Render a batch of comments stored under older HTML rules again; say what was done."""
    return Comment.objects.refresh_stale_html()


@task()
def empty_trash_task() -> int:
    """Empty the comment Trash in the background (see empty_trash)."""
    return empty_trash()
