"""Write a blog's complete JSON archive, for any tool that is not WordPress.

The format is documented in docs/json-archive.md; ARCHIVE_VERSION changes whenever a
field changes meaning. The archive is written section by section and record by record,
so a blog of any size is exported in constant memory.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from byline.blogs.models import Blog, Menu
from byline.comments.models import Comment
from byline.media.models import MediaItem
from byline.posts.models import Category, Post, Tag

ARCHIVE_FORMAT = "byline-archive"
ARCHIVE_VERSION = 1
CHUNK = 1000


def _when(moment: datetime.datetime | None) -> str | None:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z") if moment else None


def _blog(blog: Blog) -> dict:
    return {
        "slug": blog.slug,
        "title": blog.title,
        "tagline": blog.tagline,
        "language": blog.language,
        "time_zone": blog.time_zone,
        "path": blog.get_absolute_url(),
        "owner": blog.owner_id,
        "created_at": _when(blog.created_at),
    }


def _authors(blog: Blog) -> Iterator[dict]:
    ids = set(Post.objects.filter(blog=blog).values_list("author_id", flat=True))
    ids |= set(Comment.objects.for_blog(blog).exclude(user=None).values_list("user_id", flat=True))
    ids.add(blog.owner_id)
    for user in get_user_model().objects.filter(pk__in=ids).order_by("pk"):
        yield {
            "id": user.pk,
            "username": user.username,
            "display_name": user.public_name,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
        }


def _categories(blog: Blog) -> Iterator[dict]:
    for category in Category.objects.filter(blog=blog).order_by("path"):
        yield {
            "id": category.pk,
            "name": category.name,
            "slug": category.slug,
            "parent": category.parent_id,
            "description": category.description,
            "path": f"{blog.get_absolute_url()}category/{category.path}/",
        }


def _tags(blog: Blog) -> Iterator[dict]:
    for tag in Tag.objects.filter(blog=blog).order_by("slug"):
        yield {"id": tag.pk, "name": tag.name, "slug": tag.slug,
               "path": f"{blog.get_absolute_url()}tag/{tag.slug}/"}  # fmt: skip


def _posts(blog: Blog, kind: str) -> Iterator[dict]:
    ids = list(
        Post.objects.filter(blog=blog, kind=kind).order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(ids), CHUNK):
        chunk = Post.objects.filter(pk__in=ids[start : start + CHUNK]).order_by("pk")
        for post in chunk.prefetch_related("categories", "tags"):
            post.blog = blog
            yield {
                "id": post.pk,
                "title": post.title,
                "slug": post.slug,
                "path": post.get_absolute_url(),
                "status": post.status,
                "author": post.author_id,
                "parent": post.parent_id,
                "menu_order": post.menu_order,
                "body": post.body_markdown,
                "body_format": post.body_format,
                "body_html": post.body_html,
                "excerpt": post.excerpt,
                "password": post.password,
                "sticky": post.sticky,
                "comment_status": post.comment_status,
                "comment_count": post.comment_count,
                "published_at": _when(post.published_at),
                "created_at": _when(post.created_at),
                "updated_at": _when(post.updated_at),
                "categories": [c.pk for c in post.categories.all()],
                "tags": [t.pk for t in post.tags.all()],
            }


def _comments(blog: Blog) -> Iterator[dict]:
    for comment in Comment.objects.for_blog(blog).order_by("pk").iterator(CHUNK):
        yield {
            "id": comment.pk,
            "post": comment.post_id,
            "parent": comment.parent_id,
            "kind": comment.kind,
            "status": comment.status,
            "author_name": comment.author_name,
            "author_email": comment.author_email,
            "author_url": comment.author_url,
            "author_ip": comment.author_ip,
            "user": comment.user_id,
            "content": comment.content,
            "content_html": comment.content_html,
            "created_at": _when(comment.created_at),
        }


def _media(blog: Blog) -> Iterator[dict]:
    for media in MediaItem.objects.filter(blog=blog).order_by("pk").iterator(CHUNK):
        yield {
            "id": media.pk,
            "url": media.url,
            "file": media.file.name or None,
            "original_url": media.original_url,
            "title": media.title,
            "alt_text": media.alt_text,
            "caption": media.caption,
            "description": media.description,
            "mime_type": media.mime_type,
            "width": media.width,
            "height": media.height,
            "post": media.post_id,
            "uploaded_at": _when(media.uploaded_at),
        }


def _menus(blog: Blog) -> Iterator[dict]:
    for menu in Menu.objects.filter(blog=blog).prefetch_related("items").order_by("pk"):
        yield {
            "name": menu.name,
            "slug": menu.slug,
            "location": menu.location,
            "items": [
                {"id": item.pk, "parent": item.parent_id, "order": item.order,
                 "label": item.label, "url": item.url, "post": item.post_id,
                 "category": item.category_id, "new_tab": item.new_tab}
                for item in menu.items.all()
            ],
        }  # fmt: skip


def _followers(blog: Blog) -> Iterator[dict]:
    """Yield the blog's followers: readers with an account, then those who follow by email."""
    if apps.is_installed("byline.social"):
        Follow = apps.get_model("social", "Follow")
        rows = Follow.objects.filter(blog=blog).select_related("user").order_by("pk")
        for follow in rows.iterator(CHUNK):
            yield {
                "kind": "account",
                "user": follow.user_id,
                "username": follow.user.username,
                "email": None,
                "confirmed_at": _when(follow.created_at),
                "created_at": _when(follow.created_at),
            }
    if apps.is_installed("byline.subscriptions"):
        Subscription = apps.get_model("subscriptions", "Subscription")
        rows = Subscription.objects.filter(blog=blog, kind="posts").select_related("user")
        for subscription in rows.order_by("pk").iterator(CHUNK):
            yield {
                "kind": "email",
                "user": subscription.user_id,
                "username": subscription.user.username if subscription.user else None,
                "email": subscription.email,
                "confirmed_at": _when(subscription.confirmed_at),
                "created_at": _when(subscription.created_at),
            }


def _likes(blog: Blog) -> Iterator[dict]:
    """Yield the likes of the blog's posts and comments."""
    if not apps.is_installed("byline.social"):
        return
    Like = apps.get_model("social", "Like")
    rows = Like.objects.filter(Q(post__blog=blog) | Q(comment__post__blog=blog))
    for like in rows.select_related("user").order_by("pk").iterator(CHUNK):
        yield {
            "post": like.post_id,
            "comment": like.comment_id,
            "user": like.user_id,
            "username": like.user.username,
            "created_at": _when(like.created_at),
        }


def write(blog: Blog, out: TextIO) -> dict[str, int]:
    """Write the archive of blog to out; return how many records each section holds."""
    counts = {}
    out.write("{\n")
    header = {
        "format": ARCHIVE_FORMAT,
        "version": ARCHIVE_VERSION,
        "exported_at": _when(timezone.now()),
        "blog": _blog(blog),
    }
    for key, value in header.items():
        out.write(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
    sections: list[tuple[str, Iterable[dict]]] = [
        ("authors", _authors(blog)),
        ("categories", _categories(blog)),
        ("tags", _tags(blog)),
        ("posts", _posts(blog, Post.Kind.POST)),
        ("pages", _posts(blog, Post.Kind.PAGE)),
        ("comments", _comments(blog)),
        ("media", _media(blog)),
        ("menus", _menus(blog)),
        ("followers", _followers(blog)),
        ("likes", _likes(blog)),
    ]
    for number, (name, records) in enumerate(sections):
        out.write(f"{json.dumps(name)}: [")
        n = 0
        for record in records:
            out.write(",\n  " if n else "\n  ")
            out.write(json.dumps(record, ensure_ascii=False))
            n += 1
        out.write("\n]" if n else "]")
        out.write(",\n" if number < len(sections) - 1 else "\n")
        counts[name] = n
    out.write("}\n")
    return counts
