"""What the likes under a post (and on its comments) show, read in a fixed number of queries.

"Be the first to like this." / "1 blogger likes this:" / "N bloggers like this:", then
the faces of the most recent likers, each a link to the liker's blog (or their profile
when they have none), and "and N more".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, router
from django.urls import get_script_prefix, get_urlconf

from byline.accounts.avatars import picture_url
from byline.accounts.models import User
from byline.blogs.models import Blog
from byline.social.models import Like

FACES = 10
# What a face shows of its liker (public_name, picture_url, get_absolute_url): not the
# password hash and the dozen other columns of a User, ten times over on every like. In the
# order of User's own fields, which is the order User.from_db takes them in.
LIKER_FIELDS = ("id", "first_name", "last_name", "email", "username", "display_name", "avatar")
# The faces, newest first, each with its liker's first blog (the face links there) and the
# post's like count (the same on every row): one statement, written out because Django took
# about 0.8 ms of CPU to build it (Subquery, annotate, only, select_related) on every like,
# ten times what SQLite takes to answer it. The like's id breaks ties of created_at, and a
# blog's ties of created_at likewise. Fixed text: the post's id and the limit are parameters.
FACES_SQL = (
    'SELECT "u"."id", "u"."first_name", "u"."last_name", "u"."email", "u"."username", '
    '"u"."display_name", "u"."avatar", '
    '(SELECT "b"."slug" FROM "blogs_blog" "b" WHERE "b"."owner_id" = "l"."user_id" '
    'ORDER BY "b"."created_at", "b"."id" LIMIT 1), '
    '(SELECT COUNT(*) FROM "social_like" "c" WHERE "c"."post_id" = %s) '
    'FROM "social_like" "l" INNER JOIN "accounts_user" "u" ON "u"."id" = "l"."user_id" '
    'WHERE "l"."post_id" = %s ORDER BY "l"."created_at" DESC, "l"."id" DESC LIMIT %s'
)


@dataclass(frozen=True)  # shared: _face keeps them
class Liker:
    name: str
    picture: str
    link: str


@dataclass
class Likes:
    count: int
    likers: list[Liker]
    liked: bool  # by the reader looking at the page

    @property
    def more(self) -> int:
        return self.count - len(self.likers)

    @property
    def sentence(self) -> str:
        if self.count == 0:
            return "Be the first to like this."
        if self.count == 1:
            return "1 blogger likes this:"
        return f"{self.count} bloggers like this:"


def of_post(post, viewer, *, liked: bool | None = None) -> Likes:
    """Return the likes of a post as the viewer sees them (their own shows as "Liked").

    `liked`: whether the viewer likes it, when the caller knows (it has just liked or
    unliked it), which saves asking the database.
    """
    db = router.db_for_read(Like)
    with connections[db].cursor() as cursor:
        cursor.execute(FACES_SQL, [post.pk, post.pk, FACES])
        rows = cursor.fetchall()
    # Looked up once here rather than twice per face inside reverse()'s helpers.
    urlconf, script_prefix = get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    likers = [_face(row[:8], script_prefix, urlconf) for row in rows]
    count = rows[0][8] if rows else 0  # every row carries the same total
    if liked is None:
        liked = viewer.is_authenticated and (
            any(row[0] == viewer.pk for row in rows)
            or (count > len(likers) and Like.objects.filter(post=post, user=viewer).exists())
        )
    return Likes(count=count, likers=likers, liked=liked)


@functools.lru_cache(maxsize=4096)
def _face(row: tuple, script_prefix: str, urlconf: str) -> Liker:
    """Return the face of a liker from their row of FACES_SQL (columns, then blog slug).

    Kept: the same faces answer every like of a post until they change, and making one
    (a User, its picture's and profile's addresses) cost about 20 µs. The arguments, with
    the process's SECRET_KEY (the key of a drawn picture), are all a face depends on: a
    changed name or picture is another row, so an entry is never stale.
    """
    # A User of the shown columns only, so its own public_name, picture and address say
    # what they always say.
    user = User.from_db(None, LIKER_FIELDS, row[:7])
    blog_slug = row[7]
    link = Blog(slug=blog_slug).get_absolute_url() if blog_slug else user.get_absolute_url()
    return Liker(name=user.public_name, picture=picture_url(user), link=link)


@dataclass
class CommentLikes:
    counts: dict[int, int]
    mine: set[int]

    def of(self, comment_id: int) -> tuple[int, bool]:
        return self.counts.get(comment_id, 0), comment_id in self.mine


# Written out: on every drawn post page, the ORM took 0.4 ms of CPU to build what SQLite
# then answered in 0.03 (issue #8).
_COMMENT_COUNTS_SQL = (
    "SELECT l.comment_id, COUNT(*) FROM social_like l"
    " INNER JOIN comments_comment c ON c.id = l.comment_id"
    " WHERE c.post_id = %s GROUP BY l.comment_id"
)


def of_comments(post_id: int, viewer) -> CommentLikes:
    """Return the like counts of all of a post's comments, and which the viewer liked."""
    with connections[router.db_for_read(Like)].cursor() as cursor:
        cursor.execute(_COMMENT_COUNTS_SQL, [post_id])
        counts = dict(cursor.fetchall())
    mine = set()
    if viewer.is_authenticated and counts:
        mine = set(
            Like.objects.filter(comment__post_id=post_id, user=viewer)
            .values_list("comment_id", flat=True)
        )  # fmt: skip
    return CommentLikes(counts=counts, mine=mine)
