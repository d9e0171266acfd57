"""Export a blog as WXR 1.2, for WordPress's importer or for Byline's own.

Everything the importer reads goes out: authors, categories with their parents, tags,
posts and pages in every status with passwords, stickiness, excerpts and both dates,
comments with their threads and states, attachments, and menus. What WordPress has no
field for travels in meta that WordPress ignores and Byline reads back:
`_byline_markdown` (the Markdown a post was written in; WordPress gets the HTML),
`_byline_mime_type`, and the term meta `_byline_location` of the header menu. A post's
featured image goes out as WordPress writes it, the attachment's ID in `_thumbnail_id`.

Objects that came from WordPress keep their WordPress IDs and GUIDs, so an export of an
imported blog names things as the original site did; everything else gets fresh IDs.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from email.utils import format_datetime
from typing import TextIO

from django.conf import settings
from django.utils import timezone

from byline.blogs.models import Blog, Menu, MenuItem
from byline.comments.models import Comment
from byline.media.models import MediaItem
from byline.porting import wxr
from byline.porting.fields import WORDPRESS_COMMENT_STATUSES, WORDPRESS_STATUSES
from byline.porting.importer import (
    LOCATION_META,
    MARKDOWN_META,
    THUMBNAIL_META,
    TRASH_STATUS_META,
)
from byline.porting.models import Origin
from byline.porting.wxr_writer import WXRWriter
from byline.posts.models import Category, Post, Tag

Kind = Origin.Kind
ZERO_DATE = "0000-00-00 00:00:00"
CHUNK = 500


def default_base_url(blog: Blog) -> str:
    """Return the blog's public address as well as Byline knows it from its settings."""
    if settings.ROOT_DOMAIN:
        return f"https://{blog.slug}.{settings.ROOT_DOMAIN}"
    return f"http://127.0.0.1:8000/{blog.slug}"


class IdSpace:
    """Hand out WordPress IDs: the one an object came with, unless taken, else a fresh one."""

    def __init__(self, legacy: dict[int, str]):
        self.legacy = legacy
        self.used: set[int] = set()
        reserved = {int(k) for k in legacy.values() if k.isdigit()}
        self.next = max(reserved, default=0) + 1

    def take(self, object_id: int | None = None) -> int:
        wanted = self.legacy.get(object_id, "") if object_id is not None else ""
        if wanted.isdigit() and int(wanted) not in self.used:
            number = int(wanted)
        else:
            while self.next in self.used:
                self.next += 1
            number = self.next
        self.used.add(number)
        return number


class Exporter:
    def __init__(self, blog: Blog, base_url: str | None = None):
        self.blog = blog
        self.base_url = (base_url or default_base_url(blog)).rstrip("/")
        self.tz = blog.tzinfo
        origins = Origin.objects.filter(blog=blog)
        legacy: dict[str, dict[int, str]] = defaultdict(dict)
        self.guids: dict[tuple[str, int], str] = {}
        for kind, key, object_id, guid in origins.values_list("kind", "key", "object_id", "guid"):
            if kind == Kind.MENU_ITEM:
                key = key.rpartition(":")[2]
            legacy[kind].setdefault(object_id, key)
            if guid:
                self.guids[(kind, object_id)] = guid
        # Posts, pages, attachments and menu items share WordPress's one ID space.
        shared = {}
        for kind, prefix in ((Kind.POST, "p"), (Kind.ATTACHMENT, "a"), (Kind.MENU_ITEM, "m")):
            shared.update({(prefix, oid): key for oid, key in legacy[kind].items()})
        self.post_ids = _Shared(IdSpace(shared))
        self.comment_ids = IdSpace(legacy[Kind.COMMENT])
        terms = {}
        for kind, prefix in ((Kind.CATEGORY, "c"), (Kind.TAG, "t")):
            terms.update({(prefix, oid): key for oid, key in legacy[kind].items()})
        self.term_ids = _Shared(IdSpace(terms))
        self.counts: dict[str, int] = defaultdict(int)

    # Formatting --------------------------------------------------------------------------

    def _local(self, moment: datetime.datetime | None) -> str:
        if moment is None:
            return ZERO_DATE
        return timezone.localtime(moment, self.tz).strftime("%Y-%m-%d %H:%M:%S")

    @staticmethod
    def _gmt(moment: datetime.datetime | None) -> str:
        if moment is None:
            return ZERO_DATE
        return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")

    @staticmethod
    def _rss(moment: datetime.datetime | None) -> str:
        return format_datetime(moment.astimezone(datetime.UTC), usegmt=True) if moment else ""

    def _absolute(self, url: str) -> str:
        """Return a Byline path (/demo/2024/01/01/x/) as an address below the base URL."""
        if url.startswith(("http://", "https://")):
            return url
        prefix = f"/{self.blog.slug}/"
        if url.startswith(prefix):
            return f"{self.base_url}/{url[len(prefix) :]}"
        root = self.base_url.removesuffix(f"/{self.blog.slug}")
        return f"{root}{url}"

    # The file ----------------------------------------------------------------------------

    def write(self, out: TextIO) -> dict[str, int]:
        """Write the whole blog to out and return how many of each thing went in."""
        writer = WXRWriter(out)
        blog = self.blog
        writer.start(
            wxr.Site(
                title=blog.title,
                link=self.base_url,
                description=blog.tagline,
                language=blog.language,
                pub_date=self._rss(timezone.now()),
                wxr_version="1.2",
                base_site_url=self.base_url.removesuffix(f"/{blog.slug}"),
                base_blog_url=self.base_url,
            )
        )
        self._authors(writer)
        self._terms(writer)
        self._posts(writer)
        self._media(writer)
        self._menu_items(writer)
        writer.end()
        return dict(self.counts)

    def _authors(self, writer: WXRWriter) -> None:
        from django.contrib.auth import get_user_model

        User = get_user_model()
        ids = set(Post.objects.filter(blog=self.blog).values_list("author_id", flat=True))
        ids |= set(
            Comment.objects.for_blog(self.blog).exclude(user=None).values_list("user_id", flat=True)
        )
        self.author_ids = ids
        for user in User.objects.filter(pk__in=ids).order_by("pk"):
            writer.author(
                wxr.Author(
                    login=user.username, email=user.email, display_name=user.public_name,
                    first_name=user.first_name, last_name=user.last_name, wp_id=str(user.pk),
                )
            )  # fmt: skip
            self.counts["authors"] += 1

    def _terms(self, writer: WXRWriter) -> None:
        categories = list(Category.objects.filter(blog=self.blog).select_related("parent"))
        # Parents first, as WordPress writes them: an importer meets a parent before its children.
        for category in sorted(categories, key=lambda c: (c.path.count("/"), c.path)):
            writer.term(
                wxr.Term(
                    taxonomy="category", slug=category.slug, name=category.name,
                    parent=category.parent.slug if category.parent else "",
                    description=category.description,
                    wp_id=str(self.term_ids.take("c", category.pk)),
                )
            )  # fmt: skip
            self.counts["categories"] += 1
        for tag in Tag.objects.filter(blog=self.blog).order_by("slug"):
            writer.term(
                wxr.Term(taxonomy="post_tag", slug=tag.slug, name=tag.name,
                         wp_id=str(self.term_ids.take("t", tag.pk)))
            )  # fmt: skip
            self.counts["tags"] += 1
        self.menus = list(Menu.objects.filter(blog=self.blog).order_by("pk"))
        for menu in self.menus:
            meta = {LOCATION_META: menu.location} if menu.location else {}
            writer.term(wxr.Term(taxonomy="nav_menu", slug=menu.slug, name=menu.name, meta=meta))
            self.counts["menus"] += 1

    def _post_id(self, post_id: int) -> int:
        return self.post_ids.take("p", post_id)

    def _posts(self, writer: WXRWriter) -> None:
        posts = Post.objects.filter(blog=self.blog).select_related("author").order_by("pk")
        # Every post's export ID first: a page's parent and a comment's post refer to them.
        self.exported_posts = {pk: self._post_id(pk) for pk in posts.values_list("pk", flat=True)}
        ids = list(self.exported_posts)
        for start in range(0, len(ids), CHUNK):
            chunk = list(
                posts.filter(pk__in=ids[start : start + CHUNK]).prefetch_related(
                    "categories", "tags"
                )
            )
            comments = defaultdict(list)
            for comment in Comment.objects.filter(post__in=chunk).order_by("pk"):
                comments[comment.post_id].append(comment)
            for post in chunk:
                post.blog = self.blog
                writer.item(self._post_item(post, comments[post.pk]))
                self.counts["pages" if post.is_page else "posts"] += 1

    def _post_item(self, post: Post, comments: list[Comment]) -> wxr.Item:
        wp_id = self.exported_posts[post.pk]
        meta = {}
        if post.body_format == Post.BodyFormat.HTML:
            content = post.body_markdown
        else:
            content = post.body_html
            meta[MARKDOWN_META] = post.body_markdown
        if post.featured_image_id:
            meta[THUMBNAIL_META] = str(self.post_ids.take("a", post.featured_image_id))
        date = post.published_at or post.created_at
        return wxr.Item(
            title=post.title,
            link=self._absolute(post.get_absolute_url()),
            pub_date=self._rss(post.published_at),
            creator=post.author.username,
            guid=self.guids.get((Kind.POST, post.pk)) or f"{self.base_url}/?p={wp_id}",
            content=content,
            excerpt=post.excerpt,
            wp_id=str(wp_id),
            post_date=self._local(date),
            # WordPress's way of saying "no date chosen yet" for a draft.
            post_date_gmt=self._gmt(post.published_at),
            post_modified=self._local(post.updated_at),
            post_modified_gmt=self._gmt(post.updated_at),
            comment_status=post.comment_status,
            ping_status="closed",
            slug=post.slug,
            status=WORDPRESS_STATUSES[post.status],
            parent=str(self.exported_posts.get(post.parent_id, 0)),
            menu_order=str(post.menu_order),
            post_type=post.kind,
            password=post.password,
            is_sticky="1" if post.sticky else "0",
            terms=[wxr.ItemTerm("category", c.slug, c.name) for c in post.categories.all()]
            + [wxr.ItemTerm("post_tag", t.slug, t.name) for t in post.tags.all()],
            meta=meta,
            comments=self._comments(comments),
        )

    def _comments(self, comments: list[Comment]) -> list[wxr.Comment]:
        ids = {comment.pk: self.comment_ids.take(comment.pk) for comment in comments}
        found = []
        for comment in comments:
            meta = {}
            if comment.status == Comment.Status.TRASH and comment.status_before_trash:
                meta[TRASH_STATUS_META] = WORDPRESS_COMMENT_STATUSES[comment.status_before_trash]
            found.append(
                wxr.Comment(
                    wp_id=str(ids[comment.pk]),
                    author=comment.author_name,
                    author_email=comment.author_email,
                    author_url=comment.author_url,
                    author_ip=comment.author_ip or "",
                    date=self._local(comment.created_at),
                    date_gmt=self._gmt(comment.created_at),
                    content=comment.content,
                    approved=WORDPRESS_COMMENT_STATUSES[comment.status],
                    type=comment.kind,
                    parent=str(ids.get(comment.parent_id, 0)),
                    user_id=str(comment.user_id) if comment.user_id in self.author_ids else "0",
                    meta=meta,
                )
            )
            self.counts["comments"] += 1
        return found

    def _media(self, writer: WXRWriter) -> None:
        for media in MediaItem.objects.filter(blog=self.blog).order_by("pk").iterator(CHUNK):
            wp_id = self.post_ids.take("a", media.pk)
            meta = {"_byline_mime_type": media.mime_type} if media.mime_type else {}
            if media.alt_text:
                meta["_wp_attachment_image_alt"] = media.alt_text
            if media.width and media.height:
                meta["_wp_attachment_metadata"] = (
                    f'a:2:{{s:5:"width";i:{media.width};s:6:"height";i:{media.height};}}'
                )
            url = self._absolute(media.url) if media.url else ""
            writer.item(
                wxr.Item(
                    title=media.title,
                    link=url,
                    pub_date=self._rss(media.uploaded_at),
                    creator=self.blog.owner.username,
                    guid=self.guids.get((Kind.ATTACHMENT, media.pk)) or url,
                    content=media.description,
                    excerpt=media.caption,
                    wp_id=str(wp_id),
                    post_date=self._local(media.uploaded_at),
                    post_date_gmt=self._gmt(media.uploaded_at),
                    post_modified=self._local(media.uploaded_at),
                    post_modified_gmt=self._gmt(media.uploaded_at),
                    comment_status="closed",
                    ping_status="closed",
                    slug=f"media-{media.pk}",
                    status="inherit",
                    parent=str(self.exported_posts.get(media.post_id, 0)),
                    post_type="attachment",
                    attachment_url=url,
                    meta=meta,
                )
            )
            self.counts["attachments"] += 1

    def _menu_items(self, writer: WXRWriter) -> None:
        for menu in self.menus:
            items = list(MenuItem.objects.filter(menu=menu).select_related("post", "category"))
            ids = {item.pk: self.post_ids.take("m", item.pk) for item in items}
            for item in items:
                writer.item(self._menu_item(menu, item, ids))
                self.counts["menu items"] += 1

    def _menu_item(self, menu: Menu, item: MenuItem, ids: dict[int, int]) -> wxr.Item:
        if item.post_id:
            kind, target = "post_type", item.post.kind
            object_id = self.exported_posts.get(item.post_id, 0)
            url = ""
        elif item.category_id:
            kind, target = "taxonomy", "category"
            object_id = self.term_ids.known("c", item.category_id)
            url = ""
        else:
            kind, target, object_id, url = "custom", "custom", ids[item.pk], item.url
        meta = {
            "_menu_item_type": kind,
            "_menu_item_menu_item_parent": str(ids.get(item.parent_id, 0)),
            "_menu_item_object_id": str(object_id),
            "_menu_item_object": target,
            "_menu_item_target": "_blank" if item.new_tab else "",
            "_menu_item_url": url,
        }
        return wxr.Item(
            title=item.label,
            wp_id=str(ids[item.pk]),
            guid=f"{self.base_url}/?p={ids[item.pk]}",
            status="publish",
            menu_order=str(item.order),
            post_type="nav_menu_item",
            creator=self.blog.owner.username,
            terms=[wxr.ItemTerm("nav_menu", menu.slug, menu.name)],
            meta=meta,
        )


class _Shared:
    """One IdSpace for several kinds of object, told apart by a prefix."""

    def __init__(self, space: IdSpace):
        self.space = space
        self.given: dict[tuple[str, int], int] = {}

    def take(self, prefix: str, object_id: int) -> int:
        if (prefix, object_id) not in self.given:
            self.given[(prefix, object_id)] = self.space.take((prefix, object_id))
        return self.given[(prefix, object_id)]

    def known(self, prefix: str, object_id: int) -> int:
        return self.given.get((prefix, object_id), 0)


def export(blog: Blog, out: TextIO, base_url: str | None = None) -> dict[str, int]:
    """Write the blog as WXR 1.2 to out; return how many of each thing went in."""
    return Exporter(blog, base_url).write(out)
