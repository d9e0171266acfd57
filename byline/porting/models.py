"""What moving a blog in leaves behind: each import's progress, and where each object came from.

Dependency direction: porting imports blogs, posts, comments and media; nothing imports
porting except the URLs, the settings (its middleware) and its own commands.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from byline.blogs.models import Blog


class ImportJob(models.Model):
    """One run of a WordPress import, from the dashboard or the command line."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Stopped"

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="import_jobs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_path = models.CharField(max_length=1000, help_text="The WXR file on this server.")
    file_name = models.CharField(max_length=300, blank=True)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0, help_text="Items in the file.")
    done = models.PositiveIntegerField(default=0, help_text="Items read so far.")
    counts = models.JSONField(default=dict, blank=True)
    notes = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.file_name or self.file_path} into {self.blog}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0

    @property
    def table(self) -> list[tuple[str, int, int, int, int]]:
        """Return (what, imported, updated, already there, skipped) rows for the progress page."""
        rows = []
        for kind, outcomes in (self.counts or {}).items():
            imported = outcomes.get("imported", 0) + outcomes.get("mapped", 0)
            already = outcomes.get("already imported", 0) + outcomes.get("already there", 0)
            rows.append(
                (kind, imported, outcomes.get("updated", 0), already, outcomes.get("skipped", 0))
            )
        return rows

    @property
    def rate(self) -> float:
        """Return items per second so far."""
        end = self.finished_at or self.updated_at
        if not (self.started_at and end) or end <= self.started_at:
            return 0.0
        return self.done / (end - self.started_at).total_seconds()


class OriginQuerySet(models.QuerySet):
    def imported(self, blog: Blog, source: str) -> dict[tuple[str, str], int]:
        """Return {(kind, key): object id} of everything already imported from this source."""
        rows = self.filter(blog=blog, source=source).values_list("kind", "key", "object_id")
        return {(kind, key): object_id for kind, key, object_id in rows.iterator(2000)}


class Origin(models.Model):
    """Where an imported object came from: the site, its WordPress ID, its old address.

    A second run of the same import finds its objects here and skips them, an interrupted
    one resumes after them, and old links (/?p=123, /2015/01/27/slug/) redirect through it.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", "Author"
        CATEGORY = "category", "Category"
        TAG = "tag", "Tag"
        POST = "post", "Post or page"
        ATTACHMENT = "attachment", "Attachment"
        COMMENT = "comment", "Comment"
        MENU = "menu", "Menu"
        MENU_ITEM = "menu_item", "Menu item"

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="+")
    # The WordPress site, as its address without the scheme: example.com/blog.
    source = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The WordPress ID (an author's login, a term's slug when it has no ID).
    key = models.CharField(max_length=300)
    object_id = models.BigIntegerField()
    guid = models.CharField(max_length=2000, blank=True)
    # The path the object had below the old site's address, such as 2015/01/27/slug.
    old_path = models.CharField(max_length=1000, blank=True)
    # A comment's approval state in the file it was last imported from: a newer file that
    # says otherwise changes the comment, a moderator's decision here since then is kept.
    state = models.CharField(max_length=20, blank=True)

    objects = OriginQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["blog", "source", "kind", "key"], name="one_origin_per_source_item"
            )
        ]
        indexes = [
            models.Index(fields=["blog", "kind", "key"]),
            models.Index(fields=["blog", "old_path"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key} from {self.source}"
