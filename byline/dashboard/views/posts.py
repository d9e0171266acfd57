"""The posts and pages lists (/dashboard/<blog>/posts/, …/pages/) and their bulk actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from byline.dashboard import listing
from byline.dashboard.roles import Desk
from byline.dashboard.views import see_other


def _list_url(blog, kind: str) -> str:
    return reverse("dashboard:posts", kwargs={"blog": blog.slug, "kind": kind})


@login_required
@require_safe
def post_list(request, blog: str, kind: str):
    desk = Desk.find(request, blog)
    posts = desk.posts(kind)
    tab = listing.TABS.get(request.GET.get("status", "all"))
    if tab is None:
        raise Http404("No such list.")
    words = request.GET.get("s", "").strip()[:200]
    counts = listing.counts(posts)
    if words:
        posts = listing.search(posts, words)
    context = {
        "desk": desk,
        "blog": desk.blog,
        "kind": kind,
        "noun": "page" if kind == "page" else "post",
        "section": kind,
        "tab": tab,
        "tabs": [(each, counts[each.name]) for each in listing.TABS.values()],
        "words": words,
        "page_obj": listing.page(desk, posts, tab, request.GET.get("page")),
        "bulk_actions": [listing.ACTIONS[name] for name in tab.bulk],
        "here": request.get_full_path(),
    }
    return render(request, "dashboard/posts.html", context)


@login_required
@require_POST
def bulk(request, blog: str, kind: str):
    desk = Desk.find(request, blog)
    posts = desk.posts(kind)
    noun = "page" if kind == "page" else "post"
    action = listing.ACTIONS.get(request.POST.get("action", ""))
    ids = [i for i in request.POST.getlist("post") if i.isdigit()]
    if action is None:
        messages.warning(request, "Choose a bulk action first, then press Apply.")
    elif not ids:
        messages.warning(request, f"Tick one or more {noun}s first, then press Apply.")
    else:
        done, skipped = listing.apply(desk, action, posts.filter(pk__in=ids).order_by("pk"))
        if done:
            messages.success(request, action.message(done, noun))
        if skipped:
            messages.warning(
                request,
                f"{skipped} {noun}{'' if skipped == 1 else 's'} left as they were: "
                f"“{action.label}” does not apply to them, or your role does not allow it.",
            )
    return _back(request, desk, kind)


@login_required
@require_POST
def act(request, blog: str, kind: str, pk: int, action: str):
    """Run one action on one post: the buttons in each row of the list."""
    desk = Desk.find(request, blog)
    post = get_object_or_404(desk.posts(kind), pk=pk)
    chosen = listing.ACTIONS.get(action)
    if chosen is None:
        raise Http404("No such action.")
    noun = "page" if kind == "page" else "post"
    done, _ = listing.apply(desk, chosen, [post])
    if done:
        messages.success(request, f"“{post.title}” {chosen.done}.")
    else:
        messages.warning(request, f"Nothing changed: “{chosen.label}” does not apply to this "
                                  f"{noun}, or your role does not allow it.")  # fmt: skip
    return _back(request, desk, kind)


def _back(request, desk: Desk, kind: str):
    """Go back to the list the form came from (its tab, search and page), or to the list."""
    back = request.POST.get("next", "")
    if not (back.startswith(_list_url(desk.blog, kind)) and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )):  # fmt: skip
        back = _list_url(desk.blog, kind)
    return see_other(back)
