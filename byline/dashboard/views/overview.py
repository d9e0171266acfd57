"""A blog's dashboard page (/dashboard/<blog>/): its posts at a glance, and what waits."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from byline.comments import queue
from byline.comments.models import Comment
from byline.dashboard import listing
from byline.dashboard.roles import Desk
from byline.posts.models import Post


@login_required
@require_safe
def overview(request, blog: str):
    desk = Desk.find(request, blog)
    posts = desk.posts(Post.Kind.POST)
    comments = queue.moderated_by(request.user, desk.blog)
    context = {
        "desk": desk,
        "blog": desk.blog,
        "section": "overview",
        "counts": listing.counts(posts),
        "tabs": listing.TABS,
        "drafts": posts.filter(status=Post.Status.DRAFT, author=request.user).order_by(
            "-updated_at"
        )[:5],
        "waiting_comments": comments.filter(status=Comment.Status.PENDING).count()
        if comments is not None
        else None,
    }
    return render(request, "dashboard/overview.html", context)
