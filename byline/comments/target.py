"""The blog and post (or page) a guest's comment is POSTed to, read in one written-out query.

Building the two lookups of a post page with the ORM (the blog with its discussion
settings, then the published post) took a third of a comment POST's CPU, ten times what
the database takes to answer them (issue #8). A guest sees only what is published, so one
fixed statement with parameters answers both, and builds the same objects the ORM would:
the Blog with its DiscussionSettings (or none), and the Post without its long texts.
Anything else (no such blog or post, a signed-in reader, who may see private posts) goes
the ORM's way, which also says 404 in the usual words.
"""

from __future__ import annotations

from django.db import connections, router
from django.utils import timezone

from byline.blogs.models import Blog
from byline.comments.models import DiscussionSettings
from byline.platform import rows
from byline.posts import shown
from byline.posts.models import SHORT_FIELDS, Post, visible_statuses

_SHOWN = visible_statuses(False)  # what a guest reads, as Post.objects.published()


_BLOG_FIELDS = Blog._meta.concrete_fields
_SETTINGS_FIELDS = DiscussionSettings._meta.concrete_fields
_POST_FIELDS = SHORT_FIELDS  # without its long texts
_BLOG_NAMES = [f.attname for f in _BLOG_FIELDS]
_SETTINGS_NAMES = [f.attname for f in _SETTINGS_FIELDS]
_POST_NAMES = [f.attname for f in _POST_FIELDS]


def _statement(connection, kind: str) -> tuple[str, list]:
    """Return the SELECT for the blog and post (by its slug) or page (by its path) commented.

    Built once per database vendor from the models' columns: nothing from a request is in
    it but the values, passed as parameters. The kind is written in, not passed: so SQLite
    sees that the unique index of a blog's post slugs (or page paths), which holds only
    posts (or pages), answers it, and reads one row instead of every post of the blog.
    """
    return rows.statement(
        connection, ("commented post", kind),
        [("b", _BLOG_FIELDS), ("d", _SETTINGS_FIELDS), ("p", _POST_FIELDS)],
        lambda q: (
            f"FROM {q(Post._meta.db_table)} p"
            f" INNER JOIN {q(Blog._meta.db_table)} b ON p.{q('blog_id')} = b.{q('id')}"
            f" LEFT OUTER JOIN {q(DiscussionSettings._meta.db_table)} d"
            f" ON d.{q('blog_id')} = b.{q('id')}"
            f" WHERE b.{q('slug')} = %s AND {shown.readable(q, kind, len(_SHOWN))} LIMIT 2"
        ),
    )  # fmt: skip


def find_for_guest(blog_slug: str, kind: str, *, slug: str = "", path: str = "") -> Post | None:
    """Return the published post (its .blog set) a guest comments on, or None to look again.

    None: no such blog or post, and the usual lookup says 404 in its own words.
    """
    db = router.db_for_read(Post)
    connection = connections[db]
    sql, converters = _statement(connection, kind)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [blog_slug, path if kind == Post.Kind.PAGE else slug, *_SHOWN, now])
        found = cursor.fetchall()
    if len(found) != 1:
        return None  # not there (or, impossibly, twice): the ORM says what to say
    values = rows.convert(connection, found[0], converters)
    settings_start = len(_BLOG_NAMES)
    post_start = settings_start + len(_SETTINGS_NAMES)
    blog = Blog.from_db(db, _BLOG_NAMES, values[:settings_start])
    discussion = None
    if values[settings_start] is not None:  # the blog changed its settings: they have a row
        discussion = DiscussionSettings.from_db(
            db, _SETTINGS_NAMES, values[settings_start:post_start]
        )
        DiscussionSettings.blog.field.set_cached_value(discussion, blog)
    # As select_related("discussion") leaves it: a missing row reads as DoesNotExist.
    Blog.discussion.related.set_cached_value(blog, discussion)
    post = Post.from_db(db, _POST_NAMES, values[post_start:])
    post.blog = blog
    return post
