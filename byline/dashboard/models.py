"""What the dashboard keeps besides the posts themselves: revisions and invitations.

Dependency direction: this app imports blogs and posts; nothing there imports it.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from byline.blogs.models import Blog, Membership
from byline.posts.models import Post

INVITATION_DAYS = 14


class RevisionQuerySet(models.QuerySet):
    def saved(self) -> RevisionQuerySet:
        return self.filter(kind=Revision.Kind.SAVED)


class Revision(models.Model):
    """A copy of what a post said at one moment: after a save, an autosave, or a lost race.

    A saved revision is taken after every save from the editor, so the newest one always
    matches the post, and comparing each with the one before shows what that save changed.
    """

    class Kind(models.TextChoices):
        SAVED = "saved", "Saved"
        # One per writer and post: the editor's last autosave of a post readers can see,
        # kept aside so the live post never shows half-written text.
        AUTOSAVE = "autosave", "Autosave"
        # What a tab tried to save over a newer version: kept, so no edit is ever lost.
        UNSAVED = "unsaved", "Not saved: someone else saved first"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SAVED)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(
        help_text="The post's version this copy was saved as (or, unsaved, was based on)."
    )
    title = models.CharField(max_length=300)
    body_markdown = models.TextField(blank=True)
    excerpt = models.TextField(blank=True)
    note = models.CharField(max_length=300, blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "author"],
                condition=Q(kind="autosave"),
                name="one_autosave_per_writer_and_post",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of “{self.title}” at {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def of(cls, post: Post, author, kind: str = Kind.SAVED, note: str = "") -> Revision:
        """Return a new, unsaved copy of what the post says now."""
        return cls(post=post, kind=kind, author=author, version=post.version, title=post.title,
                   body_markdown=post.body_markdown, excerpt=post.excerpt, note=note)  # fmt: skip

    def previous(self) -> Revision | None:
        """Return the saved revision taken just before this one, if any."""
        earlier = (
            Revision.objects.saved()
            .filter(post_id=self.post_id)
            .filter(
                Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, id__lt=self.pk)
            )
        )
        return earlier.order_by("-created_at", "-id").first()


def _token() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def open(self) -> InvitationQuerySet:
        cutoff = timezone.now() - datetime.timedelta(days=INVITATION_DAYS)
        return self.filter(accepted_at__isnull=True, created_at__gte=cutoff)


class Invitation(models.Model):
    """An email address asked to join a blog with a role, until someone accepts the link."""

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254, help_text="Stored in lowercase.")
    role = models.CharField(
        max_length=20, choices=Membership.Role.choices, default=Membership.Role.AUTHOR
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} invited to {self.blog} as {self.get_role_display()}"

    @property
    def expires_at(self) -> datetime.datetime:
        return self.created_at + datetime.timedelta(days=INVITATION_DAYS)


class Rendition(models.Model):
    """A smaller copy of an uploaded image, made in the background, for `srcset`."""

    media = models.ForeignKey(
        "media.MediaItem", on_delete=models.CASCADE, related_name="renditions"
    )
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.FileField(max_length=500)

    class Meta:
        ordering = ["width"]
        constraints = [
            models.UniqueConstraint(fields=["media", "width"], name="one_rendition_per_width")
        ]

    def __str__(self) -> str:
        return f"{self.media} at {self.width}px"
