"""The dashboard's front page (/dashboard/): the writer's blogs, and a new blog."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from byline.blogs.models import Membership
from byline.dashboard import activity
from byline.dashboard.forms import NewBlogForm
from byline.dashboard.views import see_other


@login_required
@require_safe
def home(request):
    blogs = activity.blogs_of(request.user)
    context = {"blogs": blogs, "waiting": activity.waiting_comments(request.user, blogs)}
    return render(request, "dashboard/home.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_blog(request):
    form = NewBlogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            blog = form.save(commit=False)
            blog.owner = request.user
            blog.save()
            Membership.objects.create(
                blog=blog, user=request.user, role=Membership.Role.ADMINISTRATOR
            )
        messages.success(request, f"Your blog “{blog.title}” is ready. Write its first post.")
        return see_other(reverse("dashboard:new", kwargs={"blog": blog.slug, "kind": "post"}))
    return render(request, "dashboard/new_blog.html", {"form": form})
