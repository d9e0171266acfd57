"""The media library (/dashboard/<blog>/media/): upload images, describe them, insert them.

Uploading is for authors and above, as in WordPress (upload_files); describing and
deleting an image is for editors and above, since an image may appear in anyone's posts.
The upload form is a plain form; dashboard.js adds dropping files on it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from byline.dashboard.forms import MediaForm, UploadForm
from byline.dashboard.renditions import make_renditions, markdown_for, thumbnail_url
from byline.dashboard.roles import Desk, Role
from byline.dashboard.views import see_other
from byline.media.models import MediaItem

PER_PAGE = 40


def _library_url(blog) -> str:
    return reverse("dashboard:media", kwargs={"blog": blog.slug})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def library(request, blog: str):
    desk = Desk.find(request, blog, at_least=Role.AUTHOR)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        item = save_upload(desk, form)
        messages.success(
            request, f"“{item.title}” uploaded. Copy its Markdown to show it in a post."
        )
        return see_other(_library_url(desk.blog))
    items = MediaItem.objects.filter(blog=desk.blog).prefetch_related("renditions")
    page_obj = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    described(page_obj.object_list)
    context = {"desk": desk, "blog": desk.blog, "section": "media", "form": form,
               "page_obj": page_obj}  # fmt: skip
    return render(request, "dashboard/media.html", context, status=400 if form.errors else 200)


def described(items) -> None:
    """Attach what a list of images shows of each: its Markdown and its smallest copy."""
    for item in items:
        item.markdown, item.thumbnail = markdown_for(item), thumbnail_url(item)


def save_upload(desk: Desk, form: UploadForm) -> MediaItem:
    """Store a checked upload under its safe name, and queue its renditions."""
    checked, upload = form.checked, form.cleaned_data["file"]
    upload.name = checked.name
    item = MediaItem(
        blog=desk.blog, file=upload, title=checked.name.rsplit(".", 1)[0].replace("-", " "),
        alt_text=form.cleaned_data["alt_text"], mime_type=checked.mime_type,
        width=checked.width, height=checked.height, uploaded_at=timezone.now(),
    )  # fmt: skip
    item.save()
    make_renditions.enqueue(item.pk)
    return item


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def media_item(request, blog: str, pk: int):
    desk = Desk.find(request, blog, at_least=Role.EDITOR)
    item = get_object_or_404(MediaItem.objects.filter(blog=desk.blog), pk=pk)
    form = MediaForm(request.POST or None, initial={
        "title": item.title, "alt_text": item.alt_text, "caption": item.caption})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        for name in ("title", "alt_text", "caption"):
            setattr(item, name, form.cleaned_data[name])
        item.save(update_fields=["title", "alt_text", "caption"])
        messages.success(request, "Image details saved.")
        return see_other(_library_url(desk.blog))
    context = {"desk": desk, "blog": desk.blog, "section": "media", "item": item, "form": form}
    return render(request, "dashboard/media_item.html", context)


@login_required
@require_POST
def delete_media(request, blog: str, pk: int):
    desk = Desk.find(request, blog, at_least=Role.EDITOR)
    item = get_object_or_404(MediaItem.objects.filter(blog=desk.blog), pk=pk)
    files = [item.file, *(r.file for r in item.renditions.all())]
    item.delete()
    for file in files:
        if file:
            file.storage.delete(file.name)
    name = item.title or "The file"
    messages.success(
        request, f"“{name}” deleted. Posts that showed it now show its alternative text instead."
    )
    return see_other(_library_url(desk.blog))
