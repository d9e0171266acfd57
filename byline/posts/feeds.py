"""RSS 2.0 and Atom feeds for a blog, its categories and its tags."""

from __future__ import annotations

import copy

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import escape

from byline.blogs.models import Blog
from byline.posts.metadata import shared_image
from byline.posts.models import Category, Post, Tag

FEED_LENGTH = 10


class BlogFeed(Feed):
    """The newest public posts of a blog. Private posts never enter a feed, even for members."""

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request: work on a copy that knows this request,
        # which item_enclosures needs to give readers an absolute address.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request, blog: str, **kwargs):
        return Blog.find_for_request(request, blog)

    def _blog(self, obj) -> Blog:
        return obj if isinstance(obj, Blog) else obj.blog

    def title(self, obj) -> str:
        return self._blog(obj).title

    def description(self, obj) -> str:
        return self._blog(obj).tagline or self._blog(obj).title

    def link(self, obj) -> str:
        return self._blog(obj).get_absolute_url()

    def items(self, obj):
        blog = self._blog(obj)
        posts = Post.objects.for_blog(blog).published().posts()
        posts = self.narrow(posts, obj).newest_first().for_listing()
        return posts.select_related("featured_image")[:FEED_LENGTH]

    def narrow(self, posts, obj):
        return posts

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        full = item.blog.shows_full_text and not item.password
        # A description is HTML to feed readers, and an excerpt is plain text: escape it,
        # or "<img onerror=…>" typed as words would be markup there (tests/hostile).
        return item.body_html if full else escape(item.display_excerpt)

    def item_link(self, item: Post) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Post) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Post):
        return item.published_at

    def item_updateddate(self, item: Post):
        return item.updated_at

    def item_author_name(self, item: Post) -> str:
        return item.author.public_name

    def item_enclosures(self, item: Post) -> list[Enclosure]:
        """Return the post's featured image as the item's enclosure (issue #6)."""
        image, request = shared_image(item), getattr(self, "request", None)
        if image is None or request is None:
            return []
        url = request.build_absolute_uri(image.url)
        return [Enclosure(url, str(image.size or 0), image.mime_type or "image/jpeg")]

    def item_categories(self, item: Post) -> list[str]:
        return [c.name for c in item.categories.all()] + [t.name for t in item.tags.all()]


class BlogAtomFeed(BlogFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj) -> str:
        return self.description(obj)


class CategoryFeed(BlogFeed):
    def get_object(self, request, blog: str, category: str):
        blog = Blog.find_for_request(request, blog)
        return get_object_or_404(Category, blog=blog, path=category.strip("/"))

    def title(self, obj) -> str:
        return f"{obj.blog.title} » {obj.name}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def narrow(self, posts, obj):
        family = Category.objects.filter(blog=obj.blog).filter(
            Q(path=obj.path) | Q(path__startswith=f"{obj.path}/")
        )
        return posts.filter(categories__in=family).distinct()


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj) -> str:
        return self.description(obj)


class TagFeed(BlogFeed):
    def get_object(self, request, blog: str, tag: str):
        blog = Blog.find_for_request(request, blog)
        return get_object_or_404(Tag, blog=blog, slug=tag)

    def title(self, obj) -> str:
        return f"{obj.blog.title} » {obj.name}"

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def narrow(self, posts, obj):
        return posts.filter(tags=obj)


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj) -> str:
        return self.description(obj)
