"""A blog's settings (/dashboard/<blog>/settings/): general, reading, theme and comments.

Administrators only, as in WordPress (manage_options).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from byline.comments.models import DiscussionSettings
from byline.dashboard.forms import BlogSettingsForm, DiscussionForm
from byline.dashboard.roles import Desk, Role
from byline.dashboard.views import see_other


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def blog_settings(request, blog: str):
    desk = Desk.find(request, blog, at_least=Role.ADMINISTRATOR)
    data = request.POST if request.method == "POST" else None
    form = BlogSettingsForm(data, request.FILES or None, instance=desk.blog, prefix="blog")
    discussion = DiscussionForm(data, instance=DiscussionSettings.for_blog(desk.blog),
                                prefix="discussion")  # fmt: skip
    if data is not None and form.is_valid() and discussion.is_valid():
        with transaction.atomic():
            form.save_with_icon(request.user)
            discussion.save()
        messages.success(request, "Settings saved.")
        return see_other(reverse("dashboard:settings", kwargs={"blog": desk.blog.slug}))
    if data is not None:
        desk.blog.refresh_from_db()  # the header shows the saved title, not the refused one
    context = {"desk": desk, "blog": desk.blog, "form": form, "discussion": discussion,
               "section": "settings"}  # fmt: skip
    return render(request, "dashboard/settings.html", context, status=400 if data else 200)
