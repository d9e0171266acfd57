"""sitemap.xml for the platform and for each blog: public posts and pages only."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap

from byline.blogs.models import Blog
from byline.posts.models import Post


class BlogSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Blog.objects.order_by("id")

    def lastmod(self, item: Blog):
        return item.updated_at


class PostSitemap(Sitemap):
    def __init__(self, blog: Blog | None = None):
        self.blog = blog

    def items(self):
        posts = Post.objects.published().select_related("blog").order_by("id")
        return posts.filter(blog=self.blog) if self.blog else posts

    def lastmod(self, item: Post):
        return item.updated_at


def blog_sitemap(request, blog: str):
    blog = Blog.find_for_request(request, blog)
    return sitemap(request, {"posts": PostSitemap(blog)})
