"""The media library (/dashboard/<blog>/media/): upload images, describe them, insert them.

Uploading is for authors and above, as in WordPress (upload_files). Describing and
deleting an image is for editors and above, and for whoever uploaded it (an author may
change their own images only, as WordPress's edit_post on an attachment allows).
The upload form is a plain form; dashboard.js adds dropping files on it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from byline.dashboard import uploads
from byline.dashboard.forms import MediaForm, UploadForm
from byline.dashboard.renditions import markdown_for, thumbnail_url
from byline.dashboard.roles import Desk, NotAllowed, Role
from byline.dashboard.views import see_other
from byline.media.models import MediaItem
from byline.pagecache import blog_changed

PER_PAGE = 40


def _library_url(blog) -> str:
    return reverse("dashboard:media", kwargs={"blog": blog.slug})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def library(request, blog: str):
    desk = Desk.find(request, blog, at_least=Role.AUTHOR)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        item = uploads.store(desk.blog, request.user, form.cleaned_data["file"], form.checked,
                             form.cleaned_data["alt_text"])  # fmt: skip
        messages.success(
            request, f"“{item.title}” uploaded. Copy its Markdown to show it in a post."
        )
        return see_other(_library_url(desk.blog))
    items = MediaItem.objects.filter(blog=desk.blog).prefetch_related("renditions")
    page_obj = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    described(page_obj.object_list, desk)
    context = {"desk": desk, "blog": desk.blog, "section": "media", "form": form,
               "page_obj": page_obj}  # fmt: skip
    return render(request, "dashboard/media.html", context, status=400 if form.errors else 200)


def described(items, desk: Desk | None = None) -> None:
    """Attach what a list of images shows of each: its Markdown, its smallest copy, its rights."""
    for item in items:
        item.markdown, item.thumbnail = markdown_for(item), thumbnail_url(item)
        item.editable = desk is not None and desk.can_edit_media(item)


def _editable_item(request, blog: str, pk: int) -> tuple[Desk, MediaItem]:
    """Return the desk and the file the user may change, or raise a 404 (nothing leaks)."""
    desk = Desk.find(request, blog, at_least=Role.CONTRIBUTOR)
    item = get_object_or_404(MediaItem.objects.filter(blog=desk.blog), pk=pk)
    if not desk.can_edit_media(item):
        raise NotAllowed("No such file.")
    return desk, item


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def media_item(request, blog: str, pk: int):
    desk, item = _editable_item(request, blog, pk)
    form = MediaForm(request.POST or None, initial={
        "title": item.title, "alt_text": item.alt_text, "caption": item.caption})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        for name in ("title", "alt_text", "caption"):
            setattr(item, name, form.cleaned_data[name])
        item.save(update_fields=["title", "alt_text", "caption"])
        blog_changed(desk.blog.slug)  # a featured image or the icon shows its alternative text
        messages.success(request, "Image details saved.")
        return see_other(_library_url(desk.blog))
    context = {"desk": desk, "blog": desk.blog, "section": "media", "item": item, "form": form}
    return render(request, "dashboard/media_item.html", context)


@login_required
@require_POST
def delete_media(request, blog: str, pk: int):
    desk, item = _editable_item(request, blog, pk)
    files = [item.file, *(r.file for r in item.renditions.all())]
    item.delete()  # posts featuring it, and a blog with it as its icon, keep going without
    for file in files:
        if file:
            file.storage.delete(file.name)
    blog_changed(desk.blog.slug)
    name = item.title or "The file"
    messages.success(
        request, f"“{name}” deleted. Posts that showed it now show its alternative text instead."
    )
    return see_other(_library_url(desk.blog))
