"""Scheduled posts become published when their time comes, once, whichever worker sees them.

Readers never wait for this: PostQuerySet.published() shows a scheduled post as soon as
its time has come. What this job adds is the status the writers see in their lists, the
version bump that warns an editor still open on the post, and the announcement to the
blog's subscribers (byline/subscriptions, which itself sends each post's once).

Two workers may run the job at the same moment. Each post changes with one conditional
UPDATE (`… WHERE status = 'scheduled'`), which only one transaction can match; on
PostgreSQL, SELECT … FOR UPDATE SKIP LOCKED also lets the second worker pass over the
rows the first one holds instead of queueing behind them.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from byline.pagecache import blog_changed
from byline.posts.models import Post

log = logging.getLogger(__name__)
BATCH = 100


def _claim_batch(now) -> tuple[bool, list[int]]:
    """Publish up to BATCH due posts in one transaction; return whether any were due, and
    the ids this call published (another worker may have published the others first)."""
    mine = []
    with transaction.atomic():
        due = list(
            Post.objects.filter(status=Post.Status.SCHEDULED, published_at__lte=now)
            .select_for_update(skip_locked=True)
            .order_by("published_at", "pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        for pk in due:
            flipped = Post.objects.filter(pk=pk, status=Post.Status.SCHEDULED).update(
                status=Post.Status.PUBLISHED, version=F("version") + 1
            )
            if flipped:
                mine.append(pk)
    return bool(due), mine


def publish_due_posts() -> list[Post]:
    """Publish every scheduled post whose time has come; return the ones this call published."""
    now = timezone.now()
    published_ids, more = [], True
    while more:
        more, mine = _claim_batch(now)
        published_ids += mine
    posts = list(Post.objects.filter(pk__in=published_ids).select_related("blog", "author"))
    blog_changed(*{post.blog.slug for post in posts})  # lists show "published" from now on
    for post in posts:
        _announce(post)
        log.info("Published “%s” (post %s) on %s.", post.title, post.pk, post.blog.slug)
    return posts


def _announce(post: Post) -> None:
    """Tell the blog's subscribers, if the subscriptions app is there (it sends each post once)."""
    try:
        from byline.subscriptions.notify import post_saved
    except ImportError:  # pragma: no cover - a Byline without email announcements
        return
    post_saved(post)
