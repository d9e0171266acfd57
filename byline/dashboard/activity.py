"""What the dashboard's home page shows a writer: their blogs, and what happened on them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from byline.blogs.models import Blog, Membership
from byline.comments import queue
from byline.comments.models import Comment
from byline.dashboard.roles import RANK, Role
from byline.posts.models import Post

RECENT = datetime.timedelta(days=7)


def _count(queryset, field: str):
    """Return a subquery counting the rows of queryset per blog (no join fan-out)."""
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")[:1]), 0)


@dataclass
class BlogAtDesk:
    blog: Blog
    role: str
    pending_comments: int

    @property
    def role_label(self) -> str:
        return Role(self.role).label


def blogs_of(user) -> list[BlogAtDesk]:
    """Return the user's blogs with their role and counts, in a fixed number of queries."""
    from byline.social.models import Follow, Like
    from byline.subscriptions.models import Subscription

    since = timezone.now() - RECENT
    roles = dict(Membership.objects.filter(user=user).values_list("blog_id", "role"))
    blogs = (
        Blog.objects.filter(Q(owner=user) | Q(pk__in=roles.keys()))
        .annotate(
            published_count=_count(Post.objects.published().posts(), "blog"),
            draft_count=_count(Post.objects.filter(status=Post.Status.DRAFT, author=user), "blog"),
            review_count=_count(Post.objects.filter(status=Post.Status.PENDING), "blog"),
            new_subscribers=_count(
                Subscription.objects.confirmed().filter(
                    kind=Subscription.Kind.POSTS, confirmed_at__gte=since
                ),
                "blog",
            ),
            new_follows=_count(Follow.objects.filter(created_at__gte=since), "blog"),
            new_likes=_count(
                Like.objects.filter(created_at__gte=since, post__isnull=False), "post__blog"
            ),
        )
        .order_by("title")
    )
    found = []
    for blog in blogs:
        role = Role.ADMINISTRATOR if blog.owner_id == user.pk else roles[blog.pk]
        waiting = 0
        if RANK[role] >= RANK[Role.AUTHOR]:
            comments = queue.moderated_by(user, blog)
            waiting = comments.filter(status=Comment.Status.PENDING).count() if comments else 0
        found.append(BlogAtDesk(blog, role, waiting))
    return found


def waiting_comments(user, blogs: list[BlogAtDesk], limit: int = 5) -> list[Comment]:
    """Return the newest comments waiting for this user's approval, across their blogs."""
    everything = [b.blog.pk for b in blogs if RANK[b.role] >= RANK[Role.EDITOR]]
    own_posts = [b.blog.pk for b in blogs if b.role == Role.AUTHOR]
    mine = Q(post__blog_id__in=everything) | Q(post__blog_id__in=own_posts, post__author=user)
    return list(
        Comment.objects.filter(mine, status=Comment.Status.PENDING)
        .select_related("post__blog")
        .order_by("-created_at")[:limit]
    )
