"""The Reader (/read/): the newest posts of the blogs one follows; and Discover, for everyone."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from byline.social import reading
from byline.social.models import Follow

PER_PAGE = 20


@login_required
@require_safe
def reader(request):
    posts = reading.followed_posts(request.user)
    paginator = Paginator(posts, PER_PAGE, allow_empty_first_page=True)
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page of the Reader.") from None
    follows_any = bool(page_obj.object_list) or Follow.objects.filter(user=request.user).exists()
    context = {
        "page_obj": page_obj,
        "follows_any": follows_any,
        "discover": [] if follows_any else reading.active_blogs(request.user),
        "section": "reader",
    }
    return render(request, "social/reader.html", context)


@require_safe
def discover(request):
    context = {"discover": reading.active_blogs(request.user), "section": "discover"}
    return render(request, "social/discover.html", context)
