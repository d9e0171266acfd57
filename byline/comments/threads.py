"""The comments a post page shows: one page of threads, built in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core import signing
from django.core.paginator import InvalidPage, Paginator
from django.db import connections, router
from django.db.models import Q
from django.http import Http404

from byline.accounts.avatars import picture_url
from byline.comments.avatars import avatar_url
from byline.comments.models import Comment, DiscussionSettings

_HELD_SALT = "byline.comments.held"


def held_comment_hash(comment_id: int) -> str:
    """Return the token that lets a comment's author see it while it is held."""
    return signing.Signer(salt=_HELD_SALT).signature(str(comment_id))


@dataclass
class Node:
    comment: Comment
    avatar: str
    held: bool = False
    children: list[Node] = field(default_factory=list)
    by_member: bool = False  # written by a member of the blog, signed in


@dataclass
class Discussion:
    rules: DiscussionSettings
    threads: list[Node]
    page_obj: object
    closed: bool
    total: int


# What a page shows of a comment and its writer (thread_html), and no more: each column
# fetched is a value converted for each of a hundred comments.
_SHOWN = (
    "post_id", "parent_id", "thread_id", "depth", "kind", "user_id", "author_name",
    "author_email", "author_url", "content_html", "content_html_rules", "status",
    "created_at", "user__username", "user__email", "user__avatar",
)  # fmt: skip


# Up to this many approved comments, a page reads the ids of all the post's threads at once.
_ALL_IDS_UP_TO = 1000


def _ordering(rules: DiscussionSettings) -> list[str]:
    return ["-created_at", "-id"] if rules.newest_first else ["created_at", "id"]


def build(post, *, page: int | None, held_id: str = "", held_hash: str = "") -> Discussion:
    """Return the threads of one page of a post's approved comments (plus the viewer's held one)."""
    rules = DiscussionSettings.for_blog(post.blog)
    top_level = (
        Comment.objects.filter(post=post, status=Comment.Status.APPROVED, parent=None)
        .order_by(*_ordering(rules)).values_list("id", flat=True)
    )  # fmt: skip
    if post.comment_count <= _ALL_IDS_UP_TO:
        # One query for the threads' ids and their number, rather than a COUNT and then a
        # page of ids (issue #8); comment_count bounds how many ids that reads.
        top_level = list(top_level)
    paginator = Paginator(top_level, max(1, rules.threads_per_page), allow_empty_first_page=True)
    try:
        page_obj = paginator.page(page or 1)
    except InvalidPage:
        raise Http404("No such page of comments.") from None
    root_ids = list(page_obj.object_list)
    shown = Q(pk__in=root_ids, status=Comment.Status.APPROVED) | Q(
        thread_id__in=root_ids, status=Comment.Status.APPROVED
    )
    if held_id.isdigit() and held_hash == held_comment_hash(int(held_id)):
        shown |= Q(pk=int(held_id), status=Comment.Status.PENDING)
    rows = Comment.objects.filter(post=post).filter(shown).select_related("user").only(*_SHOWN)
    rows = list(rows.order_by("created_at", "id"))
    members = set()
    if any(c.user_id for c in rows):  # only a signed-in writer can be a member
        members = set(post.blog.memberships.values_list("user_id", flat=True))
    nodes = {
        c.pk: Node(c, picture_url(c.user, gravatar=rules.use_gravatar) if c.user_id
                   else avatar_url(c.author_email, gravatar=rules.use_gravatar),
                   held=c.status == Comment.Status.PENDING, by_member=c.user_id in members)
        for c in rows
    }  # fmt: skip
    threads = []
    for node in nodes.values():
        parent = nodes.get(node.comment.parent_id) or nodes.get(node.comment.thread_id)
        if parent is not None and parent is not node:
            parent.children.append(node)
        elif node.comment.parent_id is None or node.held:
            threads.append(node)
    order = {pk: i for i, pk in enumerate(root_ids)}
    threads.sort(key=lambda n: order.get(n.comment.pk, -1 if rules.newest_first else 10**12))
    return Discussion(
        rules=rules,
        threads=threads,
        page_obj=page_obj,
        closed=rules.closed_for(post),
        total=post.comment_count,
    )


def page_of(comment: Comment) -> int:
    """Return the page of comments on which this comment's thread appears."""
    rules = DiscussionSettings.for_blog(comment.post.blog)
    per_page = max(1, rules.threads_per_page)
    if comment.post.comment_count < per_page:
        return 1  # fewer comments than a page holds, so fewer threads too: one page
    root = comment
    if comment.thread_id:
        parent = comment.parent if Comment.parent.is_cached(comment) else None
        if parent is not None and parent.pk == comment.thread_id:
            root = parent  # a reply to a top-level comment, just read by the form: no query
        else:
            root = Comment.objects.only("created_at").get(pk=comment.thread_id)
    return _threads_before(comment.post_id, root, rules.newest_first) // per_page + 1


# The threads shown before a thread: on the same side of its root in the page order. Written
# out rather than built by the ORM (0.08 ms against 0.4 ms of a comment POST's CPU, issue #8),
# and with the bound `created_at <= %s` (or >=) beside the OR, so that SQLite reads a range
# of the (post, status, parent, created_at) index rather than every thread of the post (with
# the OR alone it read them all). PostgreSQL picks an index of the post by its statistics.
_BEFORE_SQL = {
    False: "SELECT COUNT(*) FROM comments_comment WHERE post_id = %s AND status = %s"
    " AND parent_id IS NULL AND created_at <= %s AND (created_at < %s OR id < %s)",
    True: "SELECT COUNT(*) FROM comments_comment WHERE post_id = %s AND status = %s"
    " AND parent_id IS NULL AND created_at >= %s AND (created_at > %s OR id > %s)",
}


def _threads_before(post_id: int, root: Comment, newest_first: bool) -> int:
    connection = connections[router.db_for_read(Comment)]  # the database the ORM would read
    at = connection.ops.adapt_datetimefield_value(root.created_at)
    with connection.cursor() as cursor:
        cursor.execute(
            _BEFORE_SQL[newest_first], [post_id, Comment.Status.APPROVED.value, at, at, root.pk]
        )
        return cursor.fetchone()[0]
