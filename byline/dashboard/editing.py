"""Saving from the editor without ever losing an edit.

Every save names the version of the post the writer started from. The save goes through
only if the post is still at that version: one conditional UPDATE raises the version, and
the database lets exactly one of two racing saves match (PostgreSQL locks the row, SQLite
runs one write transaction at a time). The loser's text is kept as an "unsaved" revision
and shown beside the saved one, so the writer chooses; nothing is overwritten unseen.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from byline.dashboard.models import Revision
from byline.dashboard.post_form import PostForm
from byline.posts.models import Post

# What a revision keeps, and what an autosave may change.
CONTENT_FIELDS = ("title", "body_markdown", "excerpt")


@dataclass
class Conflict:
    """A save that lost the race: what this tab sent, and what the post says now."""

    mine: Revision
    theirs: Post


def _bump(post: Post, expected: int | None) -> bool:
    """Raise the post's version by one if it is still `expected`; return whether it was."""
    if expected is None:
        return False
    won = Post.objects.filter(pk=post.pk, version=expected).update(version=F("version") + 1)
    if won:
        post.version = expected + 1
    return bool(won)


def _same_content(a, b) -> bool:
    return all(getattr(a, name) == getattr(b, name) for name in CONTENT_FIELDS)


def keep_revision(post: Post, user, note: str = "") -> Revision | None:
    """Record what the post says now, unless its newest revision says the same."""
    latest = post.revisions.saved().first()
    if latest is not None and _same_content(latest, post) and not note:
        return None
    return Revision.objects.create(
        **{name: getattr(post, name) for name in CONTENT_FIELDS},
        post=post, author=user, version=post.version, note=note,
    )  # fmt: skip


def _keep_original(post: Post) -> None:
    """Before a post's first edit, keep what it said (a post made by an import, say)."""
    if not post.revisions.saved().exists():
        before = Post.objects.get(pk=post.pk)
        Revision.objects.create(
            **{name: getattr(before, name) for name in CONTENT_FIELDS},
            post=post, author=before.author, version=before.version, created_at=before.updated_at,
            note="As it was before its first edit here.",
        )  # fmt: skip


def save(form: PostForm, user) -> Conflict | None:
    """Save a valid editor form; return the conflict instead when the post changed meanwhile."""
    post = form.instance
    with transaction.atomic():
        if post.pk is not None:
            _keep_original(post)
            if not _bump(post, form.cleaned_data.get("version")):
                return _conflict(post, user, form.cleaned_data.get("version"))
        post.save()
        form.save_terms(post)
        keep_revision(post, user)
        Revision.objects.filter(post=post, author=user, kind=Revision.Kind.AUTOSAVE).delete()
    return None


def _conflict(post: Post, user, based_on: int | None) -> Conflict:
    mine = Revision.of(post, user, kind=Revision.Kind.UNSAVED,
                       note="Sent from a page that showed an older version.")  # fmt: skip
    mine.version = based_on or 0
    mine.save()
    return Conflict(mine=mine, theirs=Post.objects.select_related("author").get(pk=post.pk))


def autosave(post: Post, user, content: dict, expected: int | None) -> int | None:
    """Keep what the editor holds now; return the post's version, or None on a conflict.

    A post readers cannot see (a draft, a post waiting for review) is saved in place, as
    WordPress does. A post readers can see keeps its text: the writer's work goes to their
    own autosave revision, which the editor offers back the next time it opens.
    """
    post.title = content.get("title", post.title)[:300] or post.title
    post.body_markdown = content.get("body_markdown", post.body_markdown)
    post.excerpt = content.get("excerpt", post.excerpt)
    with transaction.atomic():
        if post.status in (Post.Status.DRAFT, Post.Status.PENDING):
            if not _bump(post, expected):
                return None
            post.save(update_fields=[*CONTENT_FIELDS, "version", "updated_at", "body_html",
                                     "search_text", "summary"])  # fmt: skip
            return post.version
        if Post.objects.filter(pk=post.pk).values_list("version", flat=True).first() != expected:
            return None
        Revision.objects.update_or_create(
            post=post, author=user, kind=Revision.Kind.AUTOSAVE,
            defaults={**{n: getattr(post, n) for n in CONTENT_FIELDS}, "version": post.version,
                      "created_at": timezone.now()},
        )  # fmt: skip
        return post.version


def pending_autosave(post: Post, user) -> Revision | None:
    """Return the user's autosave of this post if it holds text the post does not."""
    if post.pk is None:
        return None
    found = post.revisions.filter(author=user, kind=Revision.Kind.AUTOSAVE).first()
    if found is None or _same_content(found, post):
        return None
    return found


def restore(post: Post, revision: Revision, user) -> None:
    """Make the post say what the revision says, keeping what it said as a revision too."""
    with transaction.atomic():
        _keep_original(post)
        Post.objects.filter(pk=post.pk).update(version=F("version") + 1)
        post.refresh_from_db(fields=["version"])
        for name in CONTENT_FIELDS:
            setattr(post, name, getattr(revision, name))
        post.save()
        stamp = timezone.localtime(revision.created_at, post.blog.tzinfo)
        keep_revision(post, user, note=f"Restored the revision of {stamp:%Y-%m-%d %H:%M}.")
