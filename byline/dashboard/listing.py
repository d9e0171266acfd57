"""The posts and pages lists: their status tabs, their search, and their bulk actions.

Each bulk action checks the user's role on every post it touches (roles.py): a row the
user may not change is skipped and counted, never changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from byline.dashboard.roles import Desk
from byline.posts.models import Post, PostQuerySet

Status = Post.Status
PER_PAGE = 20


@dataclass(frozen=True)
class Tab:
    name: str
    label: str
    statuses: tuple[str, ...]
    bulk: tuple[str, ...]


SHOWN = (Status.PUBLISHED, Status.SCHEDULED, Status.DRAFT, Status.PENDING, Status.PRIVATE)
TABS = {
    tab.name: tab
    for tab in [
        Tab("all", "All", SHOWN, ("publish", "draft", "trash")),
        Tab("published", "Published", (Status.PUBLISHED,), ("draft", "trash")),
        Tab("scheduled", "Scheduled", (Status.SCHEDULED,), ("draft", "trash")),
        Tab("draft", "Drafts", (Status.DRAFT,), ("publish", "trash")),
        Tab("pending", "Pending review", (Status.PENDING,), ("publish", "draft", "trash")),
        Tab("private", "Private", (Status.PRIVATE,), ("draft", "trash")),
        Tab("trash", "Trash", (Status.TRASH,), ("restore", "delete")),
    ]
}


def counts(posts: PostQuerySet) -> dict[str, int]:
    """Return how many posts each tab holds, in one query."""
    found = posts.aggregate(
        **{tab.name: Count("pk", filter=Q(status__in=tab.statuses)) for tab in TABS.values()}
    )
    return {name: found[name] or 0 for name in TABS}


def search(posts: PostQuerySet, words: str) -> PostQuerySet:
    """Return the posts whose title, body or excerpt holds every word (drafts included)."""
    for word in words.split()[:10]:
        posts = posts.filter(
            Q(title__icontains=word) | Q(body_markdown__icontains=word) | Q(excerpt__icontains=word)
        )
    return posts


def page(desk: Desk, posts: PostQuerySet, tab: Tab, number) -> Page:
    """Return one page of a tab, last changed first, with what each row offers this user."""
    rows = (
        posts.filter(status__in=tab.statuses)
        .select_related("author")
        .prefetch_related("categories", "tags")
        .order_by("-updated_at", "-id")
    )
    page_obj = Paginator(rows, PER_PAGE).get_page(number)
    for post in page_obj.object_list:
        post.blog = desk.blog
        post.editable = desk.can_edit(post)
        post.deletable = desk.can_delete(post)
    return page_obj


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    done: str  # completes "3 posts …."
    applies: Callable[[Desk, Post], bool]
    run: Callable[[Post], None]

    def message(self, count: int, noun: str) -> str:
        return f"{count} {noun}{'' if count == 1 else 's'} {self.done}."


def _publish(post: Post) -> None:
    post.status = Status.PUBLISHED
    if post.published_at and post.published_at > timezone.now():
        post.status = Status.SCHEDULED
    _save_status(post)


def _to(status: str) -> Callable[[Post], None]:
    def run(post: Post) -> None:
        post.status = status
        _save_status(post)

    return run


def _save_status(post: Post) -> None:
    # Raising the version tells an editor open on the post that it changed (editing.py).
    Post.objects.filter(pk=post.pk).update(version=F("version") + 1)
    post.version += 1
    post.save(update_fields=["status", "published_at", "version", "updated_at", "pub_date",
                             "path"])  # fmt: skip


ACTIONS = {
    action.name: action
    for action in [
        Action("publish", "Publish", "published",
               lambda desk, p: p.status in (Status.DRAFT, Status.PENDING)
               and desk.can_edit(p) and desk.can_publish(p), _publish),
        Action("draft", "Move to drafts", "moved to the drafts",
               lambda desk, p: p.status not in (Status.DRAFT, Status.TRASH) and desk.can_edit(p),
               _to(Status.DRAFT)),
        Action("trash", "Move to Trash", "moved to the Trash",
               lambda desk, p: p.status != Status.TRASH and desk.can_delete(p), _to(Status.TRASH)),
        # As WordPress does since 5.6, a post comes back from the Trash as a draft.
        Action("restore", "Restore", "restored as drafts",
               lambda desk, p: p.status == Status.TRASH and desk.can_delete(p), _to(Status.DRAFT)),
        # Only from the Trash, so nothing is deleted with a single click.
        Action("delete", "Delete permanently", "permanently deleted",
               lambda desk, p: p.status == Status.TRASH and desk.can_delete(p), Post.delete),
    ]
}  # fmt: skip


def apply(desk: Desk, action: Action, posts: Iterable[Post]) -> tuple[int, int]:
    """Run the action on each post the user may apply it to; return how many done and skipped."""
    done = skipped = 0
    with transaction.atomic():
        for post in posts:
            post.blog = desk.blog
            if action.applies(desk, post):
                action.run(post)
                done += 1
            else:
                skipped += 1
    return done, skipped
