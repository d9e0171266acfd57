"""The blog a request names, read with a written-out statement (issue #8).

Every drawn page of a blog starts by reading it, with its icon and its discussion settings
(Blog.find_for_request). Building that lookup with the ORM took a tenth of a cold post
page's CPU, nearly all of it making SQL that never changes. Here the statement is built
once per database vendor from the models' columns (the slug is its one parameter), and
answers with the objects `Blog.objects.select_related("icon", "discussion").get(slug=...)`
built, in the same one query: the Blog with its icon (or None) and its DiscussionSettings
(or none: asked for, it raises DoesNotExist, as after select_related) cached.

Not imported by blogs/models.py at its top: the media and comments models import it.
"""

from __future__ import annotations

from django.db import connections, router

from byline.blogs.models import Blog
from byline.comments.models import DiscussionSettings
from byline.media.models import MediaItem
from byline.platform import rows

_BLOG_FIELDS = Blog._meta.concrete_fields
_ICON_FIELDS = MediaItem._meta.concrete_fields
_SETTINGS_FIELDS = DiscussionSettings._meta.concrete_fields
_BLOG_NAMES = [f.attname for f in _BLOG_FIELDS]
_ICON_NAMES = [f.attname for f in _ICON_FIELDS]
_SETTINGS_NAMES = [f.attname for f in _SETTINGS_FIELDS]
_ICON_START = len(_BLOG_NAMES)
_SETTINGS_START = _ICON_START + len(_ICON_NAMES)
# Where each joined row's primary key is: NULL there, the LEFT JOIN found no row.
_ICON_PK = _ICON_START + _ICON_FIELDS.index(MediaItem._meta.pk)
_SETTINGS_PK = _SETTINGS_START + _SETTINGS_FIELDS.index(DiscussionSettings._meta.pk)


def blog_by_slug(slug: str) -> Blog | None:
    """Return the blog at this address, its icon and discussion settings cached; or None."""
    db = router.db_for_read(Blog)
    connection = connections[db]
    sql, converters = _statement(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [slug])
        found = cursor.fetchall()
    if not found:
        return None
    if len(found) > 1:  # the unique slug forbids it: let the ORM say what went wrong
        return Blog.objects.select_related("icon", "discussion").get(slug=slug)
    return _built(db, rows.convert(connection, found[0], converters))


def _built(db: str, values: list) -> Blog:
    """Return the Blog of a row, with its icon and discussion settings as select_related
    leaves them (django.db.models.query.RelatedPopulator.populate, Django 5.2)."""
    blog = Blog.from_db(db, _BLOG_NAMES, values[:_ICON_START])
    icon = None
    if values[_ICON_PK] is not None:  # the LEFT JOIN found the icon
        icon = MediaItem.from_db(db, _ICON_NAMES, values[_ICON_START:_SETTINGS_START])
    Blog.icon.field.set_cached_value(blog, icon)
    discussion = None
    if values[_SETTINGS_PK] is not None:  # the blog changed its settings: they have a row
        discussion = DiscussionSettings.from_db(db, _SETTINGS_NAMES, values[_SETTINGS_START:])
        DiscussionSettings.blog.field.set_cached_value(discussion, blog)
    # A missing row is cached as None, which reads as DoesNotExist.
    Blog.discussion.related.set_cached_value(blog, discussion)
    return blog


def _statement(connection) -> tuple[str, list]:
    """Return the SELECT of a blog by its slug, with its icon and discussion settings."""
    return rows.statement(
        connection, ("blog by slug",),
        [("b", _BLOG_FIELDS), ("m", _ICON_FIELDS), ("d", _SETTINGS_FIELDS)],
        lambda q: (
            f"FROM {q(Blog._meta.db_table)} b"
            f" LEFT OUTER JOIN {q(MediaItem._meta.db_table)} m"
            f" ON b.{q(Blog.icon.field.column)} = m.{q(MediaItem._meta.pk.column)}"
            f" LEFT OUTER JOIN {q(DiscussionSettings._meta.db_table)} d"
            f" ON d.{q(DiscussionSettings.blog.field.column)} = b.{q(Blog._meta.pk.column)}"
            f" WHERE b.{q('slug')} = %s"
            " LIMIT 2"
        ),
    )  # fmt: skip
