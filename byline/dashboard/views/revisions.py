"""A post's revisions (/dashboard/<blog>/posts/<id>/revisions/): what each save changed, and
a button that brings any of them back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST, require_safe

from byline.dashboard import diffs, editing
from byline.dashboard.models import Revision
from byline.dashboard.roles import Desk
from byline.dashboard.views import see_other
from byline.dashboard.views.editor import COMPARED, edit_url


@login_required
@require_safe
def revision_list(request, blog: str, kind: str, pk: int):
    desk = Desk.find(request, blog)
    post = desk.editable(kind, pk)
    revisions = list(post.revisions.exclude(kind=Revision.Kind.AUTOSAVE).select_related("author"))
    context = {"desk": desk, "blog": desk.blog, "post": post, "revisions": revisions,
               "section": post.kind}  # fmt: skip
    return render(request, "dashboard/revisions.html", context)


@login_required
@require_safe
def revision_detail(request, blog: str, kind: str, pk: int, revision: int):
    desk = Desk.find(request, blog)
    post = desk.editable(kind, pk)
    shown = get_object_or_404(post.revisions.select_related("author"), pk=revision)
    before = shown.previous() if shown.kind == Revision.Kind.SAVED else None
    context = {
        "desk": desk, "blog": desk.blog, "post": post, "section": post.kind,
        "revision": shown, "before": before,
        # What this save changed, and what restoring it would change in the post as it is.
        "changes": diffs.compare(before or Revision(), shown, COMPARED),
        "against_current": diffs.compare(post, shown, COMPARED),
    }  # fmt: skip
    return render(request, "dashboard/revision.html", context)


@login_required
@require_POST
def restore(request, blog: str, kind: str, pk: int, revision: int):
    desk = Desk.find(request, blog)
    post = desk.editable(kind, pk)
    chosen = get_object_or_404(post.revisions, pk=revision)
    editing.restore(post, chosen, request.user)
    messages.success(request, "Revision restored: the post says again what it said then.")
    return see_other(edit_url(post))
