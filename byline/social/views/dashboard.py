"""A blog's stats (every member) and its followers (administrators), in the dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from byline.dashboard.roles import Desk, Role
from byline.posts.models import Post
from byline.social import chart, stats
from byline.social.models import Follow

FOLLOWERS_PER_PAGE = 100


@login_required
@require_safe
def blog_stats(request, blog: str):
    desk = Desk.find(request, blog)
    post = None
    if request.GET.get("post", "").isdigit():
        post = Post.objects.for_blog(desk.blog).filter(pk=int(request.GET["post"])).first()
        if post is None:
            raise Http404("No such post on this blog.")
        post.blog = desk.blog
    numbers = stats.for_blog(desk.blog, post=post)
    context = {
        "desk": desk, "blog": desk.blog, "section": "stats", "stats": numbers, "post": post,
        "chart": chart.bars(numbers.days),
    }  # fmt: skip
    return render(request, "social/stats.html", context)


@login_required
@require_safe
def followers(request, blog: str):
    desk = Desk.find(request, blog, at_least=Role.ADMINISTRATOR)
    rows = Follow.objects.filter(blog=desk.blog).select_related("user").order_by("-created_at")
    paginator = Paginator(rows, FOLLOWERS_PER_PAGE, allow_empty_first_page=True)
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page of followers.") from None
    context = {"desk": desk, "blog": desk.blog, "section": "followers", "page_obj": page_obj}
    return render(request, "social/followers.html", context)
