"""How long a blog's cached page may live: until the clock alone would change it.

Writes make pages stale through generations; two changes need no write. A scheduled post
goes live at its time (PostQuerySet.published), and a post whose comments close after
some days loses its form then. A page expires at the first of these, or after
BYLINE_PAGE_CACHE_SECONDS, whichever comes sooner.
"""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.db.models import Min
from django.utils import timezone


def expires_at(blog) -> float:
    """Return the time (seconds since the epoch) after which this blog's pages must be redrawn."""
    from byline.comments.models import DiscussionSettings
    from byline.posts.models import Post

    now = timezone.now()
    moments = [now + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS)]
    shown = Post.objects.filter(
        blog=blog, status__in=[Post.Status.PUBLISHED, Post.Status.SCHEDULED]
    )
    moments.append(shown.filter(published_at__gt=now).aggregate(at=Min("published_at"))["at"])
    days = DiscussionSettings.for_blog(blog).close_after_days
    if days:
        age = datetime.timedelta(days=days)
        oldest_open = shown.filter(
            comment_status=Post.CommentStatus.OPEN, published_at__gt=now - age
        ).aggregate(at=Min("published_at"))["at"]
        moments.append(oldest_open and oldest_open + age)
    soonest = min(m for m in moments if m is not None)
    return min(time.time() + settings.PAGE_CACHE_SECONDS, soonest.timestamp())
