"""Import a WordPress export from the dashboard: upload the file, then watch its progress.

The upload is saved under BYLINE_DATA_DIR/imports and imported by `byline worker`, so a
big file never ties up a web request; the progress page reloads itself every few seconds
while the import runs (no JavaScript needed). Only the blog's owner and administrators
may import, as in WordPress.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from byline.blogs.models import Blog, Membership
from byline.porting import jobs
from byline.porting.forms import ImportForm
from byline.porting.models import ImportJob


def _blog_to_import_into(request, slug: str) -> Blog:
    blog = Blog.find_for_request(request, slug)
    user = request.user
    allowed = (
        user.pk == blog.owner_id
        or Membership.objects.filter(
            blog=blog, user_id=user.pk, role=Membership.Role.ADMINISTRATOR
        ).exists()
    )
    if not allowed:
        raise Http404("No such page.")  # 404, not 403: say nothing about whose blog this is
    return blog


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


@login_required
def import_page(request, blog: str):
    blog = _blog_to_import_into(request, blog)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = jobs.uploads_dir() / f"{uuid.uuid4().hex}.xml"
        with open(path, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        job = ImportJob.objects.create(
            blog=blog,
            started_by=request.user,
            file_path=str(path),
            file_name=upload.name[:300],
            options={"author_map": form.cleaned_data["author_map"],
                     "fetch_media": form.cleaned_data["fetch_media"]},
        )  # fmt: skip
        jobs.run_queued.enqueue(job.pk)
        return _see_other(reverse("porting:progress", kwargs={"blog": blog.slug, "pk": job.pk}))
    past = ImportJob.objects.filter(blog=blog)[:20]
    return render(request, "porting/import.html", {"blog": blog, "form": form, "jobs": past})


@login_required
def progress(request, blog: str, pk: int):
    blog = _blog_to_import_into(request, blog)
    job = get_object_or_404(ImportJob, blog=blog, pk=pk)
    return render(request, "porting/progress.html", {"blog": blog, "job": job})


@login_required
@require_POST
def resume(request, blog: str, pk: int):
    """Queue a stopped import again: it skips what it already imported and carries on."""
    blog = _blog_to_import_into(request, blog)
    job = get_object_or_404(ImportJob, blog=blog, pk=pk, status=ImportJob.Status.FAILED)
    job.status, job.message = ImportJob.Status.QUEUED, ""
    job.save(update_fields=["status", "message"])
    jobs.run_queued.enqueue(job.pk)
    return _see_other(reverse("porting:progress", kwargs={"blog": blog.slug, "pk": job.pk}))
