"""What the Reader and Discover list, each in one query however many blogs are followed."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from byline.blogs.models import Blog
from byline.posts.models import Post, PostQuerySet
from byline.social.models import Follow, Like

ACTIVE_DAYS = 30
DISCOVER_BLOGS = 20


def _count(queryset, field: str) -> Coalesce:
    """Return a COUNT(*) of the rows of queryset per outer row, as a subquery (0 for none).

    A subquery, not a JOIN: two counts joined in one query would multiply each other.
    """
    counted = queryset.order_by().values(field).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_like_counts(posts: PostQuerySet, viewer) -> PostQuerySet:
    """Annotate each post with like_count, and liked (by the viewer)."""
    posts = posts.annotate(like_count=_count(Like.objects.filter(post=OuterRef("pk")), "post"))
    if viewer.is_authenticated:
        return posts.annotate(liked=Exists(Like.objects.filter(post=OuterRef("pk"), user=viewer)))
    return posts.annotate(liked=Value(False))


def followed_posts(user) -> PostQuerySet:
    """Return the public posts of the blogs the user follows, newest first."""
    blogs = Follow.objects.filter(user=user).values("blog_id")
    posts = (
        Post.objects.published().posts().filter(blog_id__in=blogs)
        .select_related("blog", "author").newest_first()
    )  # fmt: skip
    return with_like_counts(posts, user)


def active_blogs(viewer, limit: int = DISCOVER_BLOGS) -> list[Blog]:
    """Return the blogs with the most posts lately (then the most recent), with their counts."""
    public = Post.objects.published().posts().filter(blog=OuterRef("pk"))
    since = timezone.now() - datetime.timedelta(days=ACTIVE_DAYS)
    newest = public.order_by("-published_at", "-id")
    blogs = Blog.objects.annotate(
        recent_posts=_count(public.filter(published_at__gte=since), "blog"),
        last_post_at=Subquery(newest.values("published_at")[:1]),
        last_post_title=Subquery(newest.values("title")[:1]),
        follower_count=_count(Follow.objects.filter(blog=OuterRef("pk")), "blog"),
    ).filter(last_post_at__isnull=False)
    if viewer.is_authenticated:
        blogs = blogs.annotate(following=Exists(Follow.objects.filter(blog=OuterRef("pk"),
                                                                      user=viewer)))  # fmt: skip
    return list(blogs.order_by("-recent_posts", "-last_post_at", "title")[:limit])
