"""The editor (/dashboard/<blog>/posts/new/, …/posts/<id>/) and what its script calls.

Everything works as plain forms: "Preview" sends the form back and shows the rendered
text without saving; "Save" saves. dashboard.js adds the live preview, autosave and the
warning before leaving with unsaved changes, through the two small endpoints below.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from byline.dashboard import diffs, editing
from byline.dashboard.post_form import PostForm
from byline.dashboard.roles import Desk, NotAllowed
from byline.dashboard.views import see_other
from byline.posts import rendering
from byline.posts.models import Post, Tag

Status = Post.Status
COMPARED = [("title", "Title"), ("body_markdown", "Body"), ("excerpt", "Excerpt")]


def edit_url(post: Post) -> str:
    return reverse("dashboard:edit", kwargs={"blog": post.blog.slug, "kind": post.kind,
                                             "pk": post.pk})  # fmt: skip


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new(request, blog: str, kind: str):
    desk = Desk.find(request, blog)
    if not desk.writes(kind):
        raise NotAllowed("No such page.")
    post = Post(blog=desk.blog, author=request.user, kind=kind, status=Status.DRAFT)
    return _editor(request, desk, post)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, blog: str, kind: str, pk: int):
    desk = Desk.find(request, blog)
    return _editor(request, desk, desk.editable(kind, pk))


def _editor(request, desk: Desk, post: Post):
    with timezone.override(desk.blog.tzinfo):
        if request.method != "POST":
            return _show(request, desk, post, _unbound_form(request, desk, post))
        form = PostForm(desk, request.POST, instance=post)
        if "preview" in request.POST:
            return _show(request, desk, post, form, preview=_render(post, form.data))
        if not form.is_valid():
            return _show(request, desk, post, form, status=400)
        conflict = editing.save(form, request.user)
        if conflict is not None:
            return _show_conflict(request, desk, form, conflict)
        messages.success(request, _saved_message(post, form.became_scheduled))
        return see_other(edit_url(post))


def _unbound_form(request, desk: Desk, post: Post) -> PostForm:
    autosaved = editing.pending_autosave(post, request.user)
    if autosaved and request.GET.get("autosave") == "restore":
        initial = {name: getattr(autosaved, name) for name in editing.CONTENT_FIELDS}
        messages.info(request, "The autosaved text is in the editor. Save to keep it.")
        return PostForm(desk, instance=post, initial=initial)
    return PostForm(desk, instance=post)


def _show(request, desk: Desk, post: Post, form: PostForm, *, preview=None, status=200, **extra):
    autosaved = None
    if request.method != "POST" and request.GET.get("autosave") != "restore":
        autosaved = editing.pending_autosave(post, request.user)
    context = {
        "desk": desk,
        "blog": desk.blog,
        "post": post,
        "form": form,
        "section": f"new-{post.kind}" if post.pk is None else post.kind,
        "noun": "page" if post.is_page else "post",
        "preview": preview,
        "autosaved": autosaved,
        "tag_suggestions": Tag.objects.filter(blog=desk.blog).values_list("name", flat=True)[:500]
        if not post.is_page
        else [],
        "revision_count": post.revisions.saved().count() if post.pk else 0,
        "recent_media": _recent_images(desk),
        "now_local": timezone.localtime(),
        **extra,
    }
    return render(request, "dashboard/editor.html", context, status=status)


def _recent_images(desk: Desk, count: int = 6) -> list:
    if not desk.uploads:
        return []
    from byline.dashboard.views.media import described
    from byline.media.models import MediaItem

    images = list(MediaItem.objects.filter(blog=desk.blog, mime_type__startswith="image/")
                  .prefetch_related("renditions")[:count])  # fmt: skip
    described(images)
    return images


def _show_conflict(request, desk: Desk, form: PostForm, conflict: editing.Conflict):
    """Show both versions; the form keeps the writer's text, ready to save over the newer one."""
    theirs = conflict.theirs
    theirs.blog = desk.blog
    data = form.data.copy()
    data["version"] = str(theirs.version)
    fresh = PostForm(desk, data, instance=Post.objects.get(pk=theirs.pk))
    fresh.is_valid()  # the writer's text was valid a moment ago; show any change in rules
    return _show(
        request, desk, theirs, fresh, status=409, conflict=conflict,
        conflict_diff=diffs.compare(theirs, conflict.mine, COMPARED),
    )  # fmt: skip


def _saved_message(post: Post, became_scheduled: bool) -> str:
    noun = "Page" if post.is_page else "Post"
    if post.status == Status.SCHEDULED:
        when = timezone.localtime(post.published_at, post.blog.tzinfo)
        also = " (its date is in the future)" if became_scheduled else ""
        return f"{noun} scheduled{also} for {when:%Y-%m-%d %H:%M} ({post.blog.time_zone})."
    return {
        Status.DRAFT: "Draft saved.",
        Status.PENDING: f"{noun} submitted for review: an editor will publish it.",
        Status.PUBLISHED: f"{noun} published.",
        Status.PRIVATE: f"{noun} published privately: only the blog's members can read it.",
    }.get(post.status, f"{noun} saved.")


def _render(post: Post, data) -> str:
    """Return the body in data as readers would see it: same renderer, same sanitizer."""
    body = data.get("body_markdown", "")
    if post.body_format == Post.BodyFormat.HTML:
        return rendering.render_wordpress_html(body)
    return rendering.render_markdown(body)


@login_required
@require_POST
def preview(request, blog: str):
    """Return the HTML of the Markdown sent, for the editor's live preview."""
    desk = Desk.find(request, blog)
    fmt = request.POST.get("body_format", Post.BodyFormat.MARKDOWN)
    post = Post(blog=desk.blog, body_format=fmt if fmt in Post.BodyFormat.values else "markdown")
    return HttpResponse(_render(post, request.POST), content_type="text/html; charset=utf-8")


@login_required
@require_POST
def autosave(request, blog: str, kind: str, pk: int | None = None):
    """Keep the editor's text now; answer with the new version, or 409 on a conflict."""
    desk = Desk.find(request, blog)
    content = {name: request.POST[name] for name in editing.CONTENT_FIELDS if name in request.POST}
    if pk is None:
        if not desk.writes(kind) or not content.get("title", "").strip():
            return JsonResponse({"saved": False, "reason": "A draft needs a title first."},
                                status=400)  # fmt: skip
        post = Post(blog=desk.blog, author=request.user, kind=kind, status=Status.DRAFT,
                    title=content["title"][:300], body_markdown=content.get("body_markdown", ""),
                    excerpt=content.get("excerpt", ""))  # fmt: skip
        post.save()
        editing.keep_revision(post, request.user)
        return JsonResponse(_saved(post, created=True))
    post = desk.editable(kind, pk)
    version = request.POST.get("version", "")
    saved = editing.autosave(
        post, request.user, content, int(version) if version.isdigit() else None
    )
    if saved is None:
        return JsonResponse(
            {"saved": False, "conflict": True,
             "reason": "This post was changed elsewhere since you opened it. Save to see "
                       "both versions; nothing you typed is lost."},
            status=409,
        )  # fmt: skip
    return JsonResponse(_saved(post))


def _saved(post: Post, created: bool = False) -> dict:
    now = timezone.localtime(timezone.now(), post.blog.tzinfo)
    answer = {"saved": True, "version": post.version, "saved_at": now.strftime("%H:%M:%S"),
              # In place: the post itself holds the text now (a draft); else it is kept aside.
              "in_place": post.status in (Status.DRAFT, Status.PENDING)}  # fmt: skip
    if created:
        answer["edit_url"] = edit_url(post)
        answer["autosave_url"] = reverse("dashboard:autosave", kwargs={
            "blog": post.blog.slug, "kind": post.kind, "pk": post.pk})  # fmt: skip
    return answer


@login_required
@require_safe
def view(request, blog: str, kind: str, pk: int):
    """Show a post in the blog's look, whatever its status, to a member who may list it."""
    desk = Desk.find(request, blog)
    posts = desk.posts(kind).filter(pk=pk).select_related("author")
    post = posts.with_terms().with_featured_image().first()
    if post is None:
        raise NotAllowed("No such post.")
    post.blog = desk.blog
    return render(request, "dashboard/view_post.html", {"blog": desk.blog, "post": post,
                                                        "desk": desk})  # fmt: skip
