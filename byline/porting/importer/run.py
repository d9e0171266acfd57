"""The Importer: one WXR file into one blog, in two passes, with progress and a summary.

It combines the parts of an import (authors, terms, posts, comments, attachments, menus),
each a mixin in its own module, around the state they share: what this import has seen,
the Origin rows that say what earlier runs wrote, and the job row the dashboard reads.
"""

from __future__ import annotations

import datetime
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlparse

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from byline import pagecache
from byline.blogs.models import Blog, Menu
from byline.media.models import MediaItem
from byline.porting import fields, wxr
from byline.porting.importer.attachments import AttachmentImport
from byline.porting.importer.authors import AuthorImport
from byline.porting.importer.comments import CommentImport
from byline.porting.importer.menus import MenuImport
from byline.porting.importer.posts import PostImport
from byline.porting.importer.rows import ORIGIN_COLUMNS, insert_rows
from byline.porting.importer.summary import Progress, Summary
from byline.porting.importer.terms import TermImport
from byline.porting.models import ImportJob, Origin
from byline.posts.models import Category, Post, Tag

Kind = Origin.Kind

SKIPPED_TYPES = {
    "revision": "Byline keeps no revisions",
    "customize_changeset": "it is WordPress's theme customizer state",
    "custom_css": "it is the theme's custom CSS",
    "oembed_cache": "it is WordPress's cache",
    "user_request": "it is a WordPress privacy request",
    "wp_global_styles": "it belongs to a WordPress theme",
    "wp_template": "it belongs to a WordPress theme",
    "wp_template_part": "it belongs to a WordPress theme",
    "wp_navigation": "Byline reads menus from nav_menu_item entries",
}


class Importer(AuthorImport, TermImport, PostImport, CommentImport, AttachmentImport, MenuImport):
    """Import one WXR file into one blog. Use check(), then run()."""

    BATCH_ITEMS = 250
    BATCH_COMMENTS = 5000

    def __init__(
        self,
        blog: Blog | None,
        *,
        author_map: dict[str, str] | None = None,
        fetch_media: Callable[[Blog, str, datetime.datetime | None], str] | None = None,
        progress: Callable[[Progress], None] | None = None,
        job: ImportJob | None = None,
    ):
        self.blog = blog
        self.author_map = {
            fields.wordpress_login(old): new for old, new in (author_map or {}).items()
        }
        self.fetch_media = fetch_media
        self.report_progress = progress
        self.job = job
        self.summary = Summary()
        self.survey: wxr.Survey | None = None

    # The two passes ----------------------------------------------------------------------

    def check(self, source: str | Path | BinaryIO) -> wxr.Survey:
        """Check the whole file and count its items; raise wxr.WXRError, with the line, if bad."""
        self.survey = wxr.survey(source)
        return self.survey

    def run(self, source: str | Path | BinaryIO) -> Summary:
        """Import the file into the blog and return the summary."""
        if self.survey is None:
            self.check(source)
        self.started = time.monotonic()
        self.done = self.comments_done = 0
        self._last_report = 0.0
        self._start_job()
        try:
            for record in wxr.read(source):
                if isinstance(record, wxr.Site):
                    self._site(record)
                elif isinstance(record, wxr.Author):
                    self._author(record)
                elif isinstance(record, wxr.Term):
                    self._term(record)
                else:
                    self._item(record)
            self._flush()
            self._finish()
        finally:
            # Rows were written around save() (in bulk), so no model said the blog changed:
            # its cached pages go stale here, also when the import stopped halfway.
            pagecache.blog_changed(self.blog.slug if self.blog else None)
        self._report(final=True)
        return self.summary

    # State -------------------------------------------------------------------------------

    def _site(self, site: wxr.Site) -> None:
        self.site = site
        address = site.base_blog_url or site.link or "unknown"
        parsed = urlparse(address if "//" in address else f"//{address}")
        self.source = f"{parsed.netloc.lower()}{parsed.path.rstrip('/')}"[:300] or "unknown"
        self.base_path = unquote(parsed.path).rstrip("/")
        blog = self.blog
        self.tz = blog.tzinfo
        self.origins = Origin.objects.imported(blog, self.source)
        self.seen: set[tuple[str, str]] = set()
        self.guids: dict[str, str] = {}
        self.new_origins: list[tuple] = []
        self.authors: dict[str, object] = {}
        self.authors_by_id: dict[str, object] = {}
        self.categories = {c.slug: c for c in Category.objects.filter(blog=blog)}
        self.categories_by_wp: dict[str, Category] = {}
        self.tags = {t.slug: t for t in Tag.objects.filter(blog=blog)}
        self.tags_by_wp: dict[str, Tag] = {}
        self.menus: dict[str, Menu] = {}
        self.menu_locations: dict[str, str] = {}
        self.post_slugs = set(
            Post.objects.filter(blog=blog, kind=Post.Kind.POST).values_list("slug", flat=True)
        )
        self.page_paths = set(
            Post.objects.filter(blog=blog, kind=Post.Kind.PAGE).values_list("path", flat=True)
        )
        self.batch: list[wxr.Item] = []
        self.batch_comments = 0
        self.pages: list[wxr.Item] = []
        self.menu_items: list[wxr.Item] = []
        self.pending_category_parents: list[tuple[Category, str]] = []
        self.pending_media_parents: list[tuple[int, str]] = []
        self.pending_featured_images: list[tuple[int, str, str]] = []  # post, attachment, label
        self.galleries: set[int] = set()
        self.moved_media: dict[str, str] = {}  # old upload's address_key → its copy's URL
        self.skipped_types: Counter = Counter()
        self.undeclared: Counter = Counter()
        # Comments already in the database that a new reply may hang from: id → (thread, depth).
        self.comment_threads: dict[str, tuple[int, int | None, int]] = {}

    def _start_job(self) -> None:
        if self.job:
            self.job.status = ImportJob.Status.RUNNING
            self.job.total = self.survey.items
            self.job.started_at = self.job.updated_at = timezone.now()
            self.job.save(update_fields=["status", "total", "started_at", "updated_at"])

    def _report(self, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self._last_report < 0.5:
            return
        self._last_report = now
        state = Progress(self.done, self.survey.items, self.comments_done, now - self.started)
        if self.report_progress:
            self.report_progress(state)
        if self.job:
            self.job.done = self.done
            self.job.counts = self.summary.as_dict()
            self.job.notes = self.summary.notes[:100]
            self.job.updated_at = timezone.now()
            self.job.save(update_fields=["done", "counts", "notes", "updated_at"])

    def _remember(
        self, kind: str, key: str, obj_id: int, guid: str = "", old_path: str = "", state: str = ""
    ):
        self.origins[(kind, key)] = obj_id
        self.new_origins.append(
            (self.blog.pk, self.source, kind, key, obj_id, guid[:2000], old_path[:1000], state)
        )

    def _save_origins(self) -> None:
        insert_rows(Origin, ORIGIN_COLUMNS, self.new_origins)
        self.new_origins = []

    def _old_path(self, link: str) -> str:
        """Return the path of an old address below the old site's, such as 2015/01/27/slug."""
        parsed = urlparse(link or "")
        if parsed.query or not parsed.path:
            return ""
        path = re.sub(r"/+", "/", unquote(parsed.path))
        if self.base_path and path.startswith(self.base_path + "/"):
            path = path[len(self.base_path) :]
        return path.strip("/")

    # The end -----------------------------------------------------------------------------

    def _finish(self) -> None:
        self._import_pages()
        with transaction.atomic():
            for category, parent_slug in self.pending_category_parents:
                parent = self.categories_by_wp.get(parent_slug)
                if parent and parent.pk != category.pk:
                    category.parent = parent
                    category.save()
            for media_id, parent in self.pending_media_parents:
                if (Kind.POST, parent) in self.origins:
                    MediaItem.objects.filter(pk=media_id).update(
                        post_id=self.origins[(Kind.POST, parent)]
                    )
        self._set_featured_images()
        # Galleries show their post's attachments, which may have come after the post, or
        # attachments named by WordPress ID (ids="…"), which may have come after it too.
        shown = MediaItem.objects.filter(post_id__in=self.galleries).values("post_id")
        self._render_again(
            Post.objects.filter(pk__in=self.galleries).filter(
                Q(pk__in=shown) | Q(body_markdown__contains="ids=")
            )
        )
        with transaction.atomic():
            self._import_menus()
            self._save_origins()
        if self.fetch_media:
            self._rewrite_media_addresses()
        for (domain, slug, name), n in sorted(self.undeclared.items()):
            what = "category" if domain == "category" else "tag"
            self.summary.note(
                f"The {what} “{name}” ({slug}) of {n:,} item(s) is not in the file's list of "
                f"{what} terms; left out."
            )
        for post_type, n in sorted(self.skipped_types.items()):
            why = SKIPPED_TYPES.get(post_type, "Byline has no such kind of content")
            self.summary.note(f"Skipped {n:,} item(s) of type “{post_type}”: {why}.")
