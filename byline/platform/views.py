from __future__ import annotations

from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from byline.blogs.models import Blog
from byline.posts.models import Post

HOME_BLOGS = 12
HOME_POSTS = 10


def home(request):
    """The platform's front page: what Byline is, its blogs, and recent posts across them."""
    now = timezone.now()
    public = Q(posts__kind="post", posts__status__in=["published", "scheduled"],
               posts__published_at__lte=now)  # fmt: skip
    blogs = (
        Blog.objects.annotate(post_count=Count("posts", filter=public),
                              last_post_at=Max("posts__published_at", filter=public))
        .filter(post_count__gt=0)
        .order_by("-last_post_at")[:HOME_BLOGS]
    )  # fmt: skip
    recent = Post.objects.published().posts().newest_first().select_related("blog", "author")
    context = {"blogs": blogs, "recent_posts": recent[:HOME_POSTS]}
    return render(request, "platform/home.html", context)


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("platform:sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def not_found(request, exception=None):
    """Render the 404 page in the look of the blog the visitor was on, when there is one."""
    blog = getattr(request, "blog", None)
    return render(request, "404.html", {"blog": blog}, status=404)
