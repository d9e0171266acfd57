"""The comment moderation queue's rules: who moderates which comments, and what each action does.

Roles follow WordPress (wp-admin/edit-comments.php and the `moderate_comments` /
`edit_post` capabilities): the blog's owner, administrators and editors moderate every
comment on the blog; authors moderate the comments on their own posts; contributors and
everyone else moderate nothing. Every status change goes through Comment.set_status() or
Comment.restore(), so Post.comment_count stays exact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, Q

from byline.blogs.models import Blog, Membership
from byline.comments.models import Comment, CommentQuerySet, DiscussionSettings
from byline.subscriptions import notify

Status = Comment.Status
PER_PAGE = 50


def moderated_by(user, blog: Blog) -> CommentQuerySet | None:
    """Return the blog's comments this user may moderate, or None when they may moderate none."""
    if not user.is_authenticated:
        return None
    comments = Comment.objects.for_blog(blog)
    if user.pk == blog.owner_id:
        return comments
    role = (
        Membership.objects.filter(blog=blog, user_id=user.pk).values_list("role", flat=True).first()
    )
    if role in (Membership.Role.ADMINISTRATOR, Membership.Role.EDITOR):
        return comments
    if role == Membership.Role.AUTHOR:
        return comments.filter(post__author_id=user.pk)
    return None


@dataclass(frozen=True)
class Action:
    """A moderation action: its name in URLs, its button, its message, and where it applies."""

    name: str
    label: str
    done: str  # completes "3 comments …."
    applies_to: frozenset[str]
    run: Callable[[Comment], None]

    def applies(self, comment: Comment) -> bool:
        return comment.status in self.applies_to

    def message(self, count: int) -> str:
        return f"{count} comment{'' if count == 1 else 's'} {self.done}."

    def skipped_message(self, count: int) -> str:
        if count == 1:
            return f"1 comment was left as it was: “{self.label}” does not apply to it."
        return f"{count} comments were left as they were: “{self.label}” does not apply to them."


def _to(status: str) -> Callable[[Comment], None]:
    return lambda comment: comment.set_status(status)


# In the order the buttons appear in a row. "Not spam" sends a comment back to the
# queue rather than straight onto the post: a person approves it from there.
ACTIONS = {
    action.name: action
    for action in [
        Action("approve", "Approve", "approved", frozenset({Status.PENDING}), _to(Status.APPROVED)),
        Action("unapprove", "Unapprove", "unapproved", frozenset({Status.APPROVED}),
               _to(Status.PENDING)),
        Action("spam", "Spam", "marked as spam", frozenset({Status.APPROVED, Status.PENDING}),
               _to(Status.SPAM)),
        Action("unspam", "Not spam", "restored from spam", frozenset({Status.SPAM}),
               _to(Status.PENDING)),
        Action("trash", "Trash", "moved to the Trash",
               frozenset({Status.APPROVED, Status.PENDING}), _to(Status.TRASH)),
        Action("restore", "Restore", "restored from the Trash", frozenset({Status.TRASH}),
               Comment.restore),
        # Only from the Trash or Spam, so nothing is ever lost with a single click.
        Action("delete", "Delete permanently", "permanently deleted",
               frozenset({Status.TRASH, Status.SPAM}), Comment.delete),
    ]
}  # fmt: skip


@dataclass(frozen=True)
class Tab:
    name: str
    label: str
    statuses: tuple[str, ...]
    bulk: tuple[str, ...]  # the actions offered for the checked rows


TABS = {
    tab.name: tab
    for tab in [
        Tab("all", "All", (Status.APPROVED, Status.PENDING),
            ("unapprove", "approve", "spam", "trash")),
        Tab("pending", "Pending", (Status.PENDING,), ("approve", "spam", "trash")),
        Tab("approved", "Approved", (Status.APPROVED,), ("unapprove", "spam", "trash")),
        Tab("spam", "Spam", (Status.SPAM,), ("unspam", "delete")),
        Tab("trash", "Trash", (Status.TRASH,), ("restore", "delete")),
    ]
}  # fmt: skip


def can_edit(comment: Comment) -> bool:
    return comment.status != Status.TRASH


def can_reply(comment: Comment) -> bool:
    return comment.status in (Status.APPROVED, Status.PENDING)


def counts(comments: CommentQuerySet) -> dict[str, int]:
    """Return how many comments each tab holds, in one query."""
    found = comments.aggregate(
        **{tab.name: Count("pk", filter=Q(status__in=tab.statuses)) for tab in TABS.values()}
    )
    return {name: found[name] or 0 for name in TABS}


def page(comments: CommentQuerySet, tab: Tab, number) -> Page:
    """Return one page of a tab, newest first, with what each row shows and offers.

    A page number past the end (the last rows were just moved away) gives the last page.
    """
    rows = (
        comments.filter(status__in=tab.statuses)
        .select_related("post__blog", "parent")
        .order_by("-created_at", "-id")
    )
    page_obj = Paginator(rows, PER_PAGE).get_page(number)
    for comment in page_obj.object_list:
        comment.moderation_actions = [a for a in ACTIONS.values() if a.applies(comment)]
        comment.editable, comment.repliable = can_edit(comment), can_reply(comment)
        url = comment.author_url
        # Imported comments may carry any scheme; link only the web's.
        comment.safe_url = url if url.lower().startswith(("http://", "https://")) else ""
    return page_obj


def apply(action: Action, comments: Iterable[Comment]) -> tuple[int, int]:
    """Run the action on each comment it applies to; return how many were done and skipped."""
    done = skipped = 0
    for comment in comments:
        if action.applies(comment):
            action.run(comment)
            done += 1
        else:
            skipped += 1
    return done, skipped


def reply(parent: Comment, user, text: str, *, ip: str | None = None, agent: str = "") -> Comment:
    """Post a member's reply under a comment, approved at once.

    Replying to a held comment approves it first, as WordPress's "Approve and Reply" does:
    a reply under a comment nobody can see would be invisible too.
    """
    with transaction.atomic():
        if parent.status == Status.PENDING:
            parent.set_status(Status.APPROVED)
        rules = DiscussionSettings.for_blog(parent.post.blog)
        attach_to = parent
        while attach_to is not None and attach_to.depth >= rules.thread_depth:
            attach_to = attach_to.parent  # deeper replies join the deepest allowed level
        comment = Comment(
            post=parent.post,
            parent=attach_to,
            user=user,
            author_name=user.public_name,
            author_email=user.email,
            content=text,
            status=Status.APPROVED,
            author_ip=ip,
            user_agent=agent[:500],
        )
        notify.mark_mail_due(comment)
        comment.save()
        notify.notify_new_comment(comment)  # subscribers hear of it as of any other comment
    return comment
