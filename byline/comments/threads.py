"""The comments a post page shows: one page of threads, built in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core import signing
from django.core.paginator import InvalidPage, Paginator
from django.db import connections, router
from django.http import Http404

from byline.accounts.avatars import picture_url
from byline.accounts.models import User
from byline.comments.avatars import avatar_url, identicon_address
from byline.comments.models import Comment, DiscussionSettings
from byline.platform import rows as row_values
from byline.posts.models import Post

_HELD_SALT = "byline.comments.held"


def held_comment_hash(comment_id: int) -> str:
    """Return the token that lets a comment's author see it while it is held."""
    return signing.Signer(salt=_HELD_SALT).signature(str(comment_id))


_KIND = Comment._meta.get_field("kind")


class ShownComment(NamedTuple):
    """What a page shows of a comment: its row, read without making a Comment of it.

    A hundred Comment instances (and their users) cost a third of the CPU of the comments
    part of a post page; this reads the same columns into a tuple. The model's own
    safe_html and is_by_post_author answer for it, so they say what they say of a Comment.
    """

    id: int
    parent_id: int | None
    thread_id: int | None
    depth: int
    kind: str
    user_id: int | None
    author_name: str
    author_email: str
    author_url: str
    content_html: str
    content_html_rules: str
    status: str
    created_at: datetime.datetime
    user: User | None  # with only the columns a page shows (id, email, username, avatar)
    post: Post

    @property
    def pk(self) -> int:
        return self.id

    # The Comment's own code, run on this row's values: re-sanitized under outdated rules.
    safe_html = Comment.safe_html
    is_by_post_author = Comment.is_by_post_author

    def get_kind_display(self) -> str:
        return Comment._get_FIELD_display(self, field=_KIND)


@dataclass
class Node:
    comment: ShownComment
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


# Up to this many approved comments, a page reads the ids of all the post's threads at once.
_ALL_IDS_UP_TO = 1000

# The ids of a post's threads in page order, written out: the ORM took a few tenths of a
# millisecond of CPU to build it on every post page. The (post, status, parent, created_at)
# index answers it, as it did the ORM's.
_ROOT_IDS_SQL = {
    False: "SELECT id FROM comments_comment WHERE post_id = %s AND status = %s"
    " AND parent_id IS NULL ORDER BY created_at, id",
    True: "SELECT id FROM comments_comment WHERE post_id = %s AND status = %s"
    " AND parent_id IS NULL ORDER BY created_at DESC, id DESC",
}

# What a page shows of a comment and its writer (thread_html), and no more: the columns of
# ShownComment, then the writer's in the order of User's fields (User.from_db takes them so).
_SHOWN = (
    "id", "parent_id", "thread_id", "depth", "kind", "user_id", "author_name", "author_email",
    "author_url", "content_html", "content_html_rules", "status", "created_at",
)  # fmt: skip
_WRITER = ("id", "email", "username", "avatar")
# The statement, with {} for which of the post's comments (_shown_comments): fixed names,
# the values are parameters.
_SHOWN_SQL = (
    f"SELECT {', '.join(f'c.{name}' for name in _SHOWN)}, "  # noqa: S608 - fixed names
    f"{', '.join(f'u.{name}' for name in _WRITER)} FROM comments_comment c"
    " LEFT OUTER JOIN accounts_user u ON u.id = c.user_id"
    " WHERE c.post_id = %s AND ({}) ORDER BY c.created_at, c.id"
)
_SHOWN_FIELDS = [Comment._meta.get_field(name) for name in _SHOWN]
_WRITER_FIELDS = [User._meta.get_field(name) for name in _WRITER]


def _ordering(rules: DiscussionSettings) -> list[str]:
    return ["-created_at", "-id"] if rules.newest_first else ["created_at", "id"]


def build(post, *, page: int | None, held_id: str = "", held_hash: str = "") -> Discussion:
    """Return the threads of one page of a post's approved comments (plus the viewer's held one)."""
    rules = DiscussionSettings.for_blog(post.blog)
    paginator = Paginator(_root_ids(post, rules), max(1, rules.threads_per_page),
                          allow_empty_first_page=True)  # fmt: skip
    try:
        page_obj = paginator.page(page or 1)
    except InvalidPage:
        raise Http404("No such page of comments.") from None
    root_ids = list(page_obj.object_list)
    held = None
    if held_id.isdigit() and held_hash == held_comment_hash(int(held_id)):
        held = int(held_id)
    shown = _shown_comments(post, root_ids, held)
    members = set()
    if any(c.user_id for c in shown):  # only a signed-in writer can be a member
        members = set(post.blog.memberships.values_list("user_id", flat=True))
    avatar = _Avatars(rules.use_gravatar)
    nodes = {
        c.id: Node(c, avatar.of(c), held=c.status == Comment.Status.PENDING,
                   by_member=c.user_id in members)
        for c in shown
    }  # fmt: skip
    threads = []
    for node in nodes.values():
        parent = nodes.get(node.comment.parent_id) or nodes.get(node.comment.thread_id)
        if parent is not None and parent is not node:
            parent.children.append(node)
        elif node.comment.parent_id is None or node.held:
            threads.append(node)
    order = {pk: i for i, pk in enumerate(root_ids)}
    threads.sort(key=lambda n: order.get(n.comment.id, -1 if rules.newest_first else 10**12))
    return Discussion(
        rules=rules,
        threads=threads,
        page_obj=page_obj,
        closed=rules.closed_for(post),
        total=post.comment_count,
    )


def _root_ids(post, rules: DiscussionSettings):
    """Return the ids of the post's threads in page order: a list, or a query to page through."""
    if post.comment_count > _ALL_IDS_UP_TO:
        return (
            Comment.objects.filter(post=post, status=Comment.Status.APPROVED, parent=None)
            .order_by(*_ordering(rules)).values_list("id", flat=True)
        )  # fmt: skip
    # One query for the threads' ids and their number, rather than a COUNT and then a page
    # of ids (issue #8); comment_count bounds how many ids that reads.
    with connections[router.db_for_read(Comment)].cursor() as cursor:
        cursor.execute(_ROOT_IDS_SQL[rules.newest_first], [post.pk, Comment.Status.APPROVED.value])
        return [row[0] for row in cursor.fetchall()]


def _shown_comments(post, root_ids: list[int], held: int | None) -> list[ShownComment]:
    """Return the approved comments of these threads (and the held one), oldest first."""
    approved = Comment.Status.APPROVED.value
    where, params = [], [post.pk]
    if root_ids:
        marks = ", ".join(["%s"] * len(root_ids))
        where += [f"(c.id IN ({marks}) AND c.status = %s)",
                  f"(c.thread_id IN ({marks}) AND c.status = %s)"]  # fmt: skip
        params += [*root_ids, approved, *root_ids, approved]
    if held is not None:
        where.append("(c.id = %s AND c.status = %s)")
        params += [held, Comment.Status.PENDING.value]
    if not where:
        return []  # nothing to ask for: no query, as the ORM sent none for an empty IN
    db = router.db_for_read(Comment)
    connection = connections[db]
    with connection.cursor() as cursor:
        cursor.execute(_SHOWN_SQL.format(" OR ".join(where)), params)
        found = cursor.fetchall()
    writers: dict[int, User] = {}  # one User for each writer, however often they wrote
    return [_shown(values, post, db, writers) for values in _converted(connection, found)]


def _converted(connection, found: list[tuple]) -> list:
    """Return the rows with each value converted as the ORM would (SQLite's datetimes)."""
    converting = _converting(connection)
    if not converting:
        return found  # PostgreSQL: its driver's values are the fields' values
    converted = []
    for row in found:
        values = list(row)
        for i, col, functions in converting:
            for function in functions:
                values[i] = function(values[i], col, connection)
        converted.append(values)
    return converted


def _converting(connection) -> list[tuple]:
    # Only the columns that have converters, each with its place in the row: on SQLite,
    # one column in seventeen (created_at), so the others are not walked through for each row.
    columns = row_values.converters(connection, _SHOWN_FIELDS + _WRITER_FIELDS, "c")
    return [(i, col, functions) for i, (col, functions) in enumerate(columns) if functions]


def _shown(values, post, db: str, writers: dict[int, User]) -> ShownComment:
    width = len(_SHOWN)
    user = user_id = values[width]
    if user_id is not None:
        user = writers.get(user_id)
        if user is None:
            user = writers[user_id] = User.from_db(db, _WRITER, values[width:])
    return ShownComment._make((*values[:width], user, post))


class _Avatars:
    """The pictures of a page's commenters, each worked out once however often they write."""

    def __init__(self, gravatar: bool):
        self.gravatar = gravatar
        self.known: dict[object, str] = {}
        self.address = identicon_address()  # a context-local lookup or two, once

    def of(self, comment: ShownComment) -> str:
        who = comment.user_id if comment.user_id else comment.author_email
        if who not in self.known:
            if comment.user_id:
                self.known[who] = picture_url(comment.user, gravatar=self.gravatar)
            else:
                self.known[who] = avatar_url(
                    comment.author_email, gravatar=self.gravatar, address=self.address
                )
        return self.known[who]


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
