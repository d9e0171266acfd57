"""A blog's media: images and other files, uploaded or brought in by an import.

Kept minimal on purpose (issue #7): the media library builds on it. An item either has
its own file in MEDIA_ROOT or only the address it had on the old site (a WordPress
import without --fetch-media), and `url` gives whichever there is.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone

from byline.blogs.models import Blog
from byline.posts.models import Post


def upload_path(item: MediaItem, filename: str) -> str:
    """Return where a file goes: <blog>/<year>/<month>/<name>, as WordPress lays them out."""
    when = item.uploaded_at or timezone.now()
    return f"{item.blog.slug}/{when:%Y/%m}/{PurePosixPath(filename).name}"


class MediaItemQuerySet(models.QuerySet):
    def for_gallery(self, post: Post, ids: list[int] | None) -> list[MediaItem]:
        """Return the images of a [gallery]: these WordPress IDs in order, or the post's own."""
        if ids:
            found = {
                m.wordpress_id: m for m in self.filter(blog_id=post.blog_id, wordpress_id__in=ids)
            }
            return [found[i] for i in ids if i in found]
        if post.pk is None:
            return []
        return list(
            self.filter(post=post, mime_type__startswith="image/").order_by("wordpress_id", "id")
        )


class MediaItem(models.Model):
    """An image or other file of a blog."""

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="media")
    post = models.ForeignKey(
        Post,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="media",
        help_text="The post or page this was uploaded to, if any.",
    )
    file = models.FileField(upload_to=upload_path, max_length=500, blank=True)
    original_url = models.URLField(
        max_length=2000, blank=True, help_text="Where the file was on the site it came from."
    )
    title = models.CharField(max_length=300, blank=True)
    alt_text = models.TextField(
        blank=True, help_text="Describes the image for readers who cannot see it."
    )
    caption = models.TextField(blank=True)
    description = models.TextField(blank=True)
    mime_type = models.CharField(max_length=100, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    # The attachment's ID on the WordPress site it came from: [gallery ids="…"] names these.
    wordpress_id = models.BigIntegerField(null=True, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    # WordPress's post_author of an attachment: authors may edit and delete only their own.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who uploaded it. Empty for imported files and for former members.",
    )
    # Kept at upload, so a feed's enclosure states it without asking the storage (S3).
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text="In bytes.")

    objects = MediaItemQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = "media item"
        indexes = [models.Index(fields=["blog", "wordpress_id"])]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def url(self) -> str:
        return self.file.url if self.file else self.original_url

    @property
    def is_image(self) -> bool:
        return self.mime_type.startswith("image/")

    @property
    def srcset(self) -> str:
        """Return the `srcset` of the image: its renditions, then itself ("" without any)."""
        renditions = list(self.renditions.all())
        if not (renditions and self.width):
            return ""
        candidates = [f"{r.file.url} {r.width}w" for r in renditions]
        return ", ".join([*candidates, f"{self.url} {self.width}w"])

    @property
    def smallest_url(self) -> str:
        """Return the smallest copy of the image (the original until renditions are made)."""
        renditions = list(self.renditions.all())
        return renditions[0].file.url if renditions else self.url

    def guess_mime_type(self) -> str:
        name = self.file.name if self.file else self.original_url.split("?")[0]
        return mimetypes.guess_type(name)[0] or ""
