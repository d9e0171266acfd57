"""Attachments: media entries, their files copied only with --fetch-media.

When the files are copied, the posts of the import that show them (an <img>, a link, a
[caption]) are given the new addresses: every address of an old upload, in any of the
sizes WordPress made of it (photo-300x200.jpg for photo.jpg) and by http or https, is
replaced with the copy's address in the blog's media.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.db.models import Q
from django.utils import timezone

from byline.media.models import MediaItem
from byline.porting import fields, wxr
from byline.porting.fields import Unfit
from byline.porting.models import Origin
from byline.posts.models import Post

Kind = Origin.Kind
# An address in HTML or a shortcode: up to a quote, a space or an angle bracket.
ADDRESS = re.compile(r"""(?:https?:)?//[^\s"'<>\]\[()]+""", re.IGNORECASE)
# The size WordPress appends to the name of a resized copy of an upload.
SIZED = re.compile(r"-\d+x\d+(\.\w+)$")


def address_key(url: str) -> str:
    """Return what tells an upload's address apart: host and path, without scheme or size."""
    parts = urlsplit(url.strip())
    return parts.netloc.lower() + SIZED.sub(r"\1", parts.path)


class AttachmentImport:
    """The Importer's handling of attachment items and of the files they name."""

    def _download(self, items: list[wxr.Item]) -> dict[str, str]:
        """Fetch the files of these attachments (outside any transaction); return url → path."""
        found = {}
        for item in items:
            url = item.attachment_url or item.guid
            if not url or (Kind.ATTACHMENT, item.wp_id) in self.origins:
                continue
            try:
                when = fields.best_date(item.post_date_gmt, item.post_date, item.pub_date, self.tz)
            except Unfit:
                when = None
            try:
                found[url] = self.fetch_media(self.blog, url, when)
            except (OSError, ValueError) as error:
                self.summary.note(
                    f"{item.label}: the file was not copied ({error}); its address stays {url}."
                )
        return found

    def _attachment(self, item: wxr.Item, downloads: dict[str, str]) -> None:
        key = self._key(item, Kind.ATTACHMENT)
        if key is None:
            self.summary.add("attachments", "skipped")
            return
        if (Kind.ATTACHMENT, key) in self.origins:
            self.summary.add("attachments", "already imported")
            return
        url = item.attachment_url or item.guid
        try:
            when = fields.best_date(item.post_date_gmt, item.post_date, item.pub_date, self.tz)
        except Unfit:
            when = None
        media = MediaItem(
            blog=self.blog,
            original_url=fields.url(url, 2000),
            title=item.title[:300],
            alt_text=item.meta.get("_wp_attachment_image_alt", ""),
            caption=item.excerpt,
            description=item.content,
            width=fields.php_int(item.meta.get("_wp_attachment_metadata", ""), "width"),
            height=fields.php_int(item.meta.get("_wp_attachment_metadata", ""), "height"),
            wordpress_id=fields.integer(item.wp_id, 0) or None,
            uploaded_at=when or timezone.now(),
        )
        if url in downloads:
            media.file.name = downloads[url]
        media.mime_type = item.meta.get("_byline_mime_type") or media.guess_mime_type()
        parent = item.parent if item.parent not in ("", "0") else ""
        if parent and (Kind.POST, parent) in self.origins:
            media.post_id = self.origins[(Kind.POST, parent)]
        media.save()
        if media.file:
            self.moved_media[address_key(url)] = media.file.url
        if parent and media.post_id is None:
            self.pending_media_parents.append((media.pk, parent))
        self._remember(Kind.ATTACHMENT, key, media.pk, guid=item.guid,
                       old_path=self._old_path(item.link))  # fmt: skip
        self.summary.add("attachments", "imported")

    def _set_featured_images(self) -> None:
        """Give posts the featured images their `_thumbnail_id` named, now that all are in."""
        wanted = {}
        for post_id, thumbnail, label in self.pending_featured_images:
            media_id = self.origins.get((Kind.ATTACHMENT, thumbnail))
            if media_id is None:
                self.summary.note(
                    f"{label}: its featured image (attachment {thumbnail}) is not in the file; "
                    "the post has none."
                )
            else:
                wanted[post_id] = (media_id, label)
        images = MediaItem.objects.filter(pk__in=[m for m, _ in wanted.values()])
        images = set(images.filter(mime_type__startswith="image/").values_list("pk", flat=True))
        for post_id, (media_id, label) in wanted.items():
            if media_id in images:
                Post.objects.filter(pk=post_id).update(featured_image_id=media_id)
            else:
                self.summary.note(f"{label}: its featured image is not an image; it has none.")
        self.pending_featured_images = []

    def _rewrite_media_addresses(self) -> None:
        """Point the blog's posts at the copies of the old uploads (with --fetch-media)."""
        copies = MediaItem.objects.filter(blog=self.blog).exclude(file="").exclude(original_url="")
        for media in copies.only("file", "original_url").iterator(500):
            # Copies made by an earlier, interrupted run of the same import count too.
            self.moved_media.setdefault(address_key(media.original_url), media.file.url)
        if not self.moved_media:
            return
        hosts = {key.split("/", 1)[0] for key in self.moved_media if key}
        if not hosts:
            return
        mentions = Q()
        for host in hosts:
            mentions |= Q(body_markdown__contains=host)
        changed = []
        for post in Post.objects.filter(blog=self.blog).filter(mentions).only("body_markdown"):
            body = ADDRESS.sub(
                lambda found: self.moved_media.get(address_key(found[0]), found[0]),
                post.body_markdown,
            )
            if body != post.body_markdown:
                Post.objects.filter(pk=post.pk).update(body_markdown=body)
                changed.append(post.pk)
        self._render_again(Post.objects.filter(pk__in=changed))
