"""The post or page a reader is shown, read with written-out statements (issue #8).

Building the drawn page's lookups with the ORM (the readable post with its author and
featured image, then a prefetch each for its categories and its tags) took a fifth of a
cold post page's CPU, most of it making SQL that never changes. Here the statements are
built once per database vendor from the models' columns (nothing from a request is in them
but the values, passed as parameters). They answer with the objects the ORM would build,
in as many queries: the Post with its author and featured image cached (as select_related
leaves them), and its categories and its tags kept as prefetch_related keeps them, so
`post.categories.all` and `post.tags.all` ask nothing more.
"""

from __future__ import annotations

from django.db import connections, router
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from byline.accounts.models import User
from byline.blogs.models import Blog
from byline.media.models import MediaItem
from byline.platform import rows
from byline.posts.models import Category, Post, Tag, visible_statuses

# Each kind of writing, as written into the statement, and the column that finds one.
_KINDS = {Post.Kind.POST: ("post", "slug"), Post.Kind.PAGE: ("page", "path")}

_POST_FIELDS = Post._meta.concrete_fields
_USER_FIELDS = User._meta.concrete_fields
_IMAGE_FIELDS = MediaItem._meta.concrete_fields
_POST_NAMES = [f.attname for f in _POST_FIELDS]
_USER_NAMES = [f.attname for f in _USER_FIELDS]
_IMAGE_NAMES = [f.attname for f in _IMAGE_FIELDS]

_STATEMENTS: dict[tuple, tuple[str, list]] = {}


def find(request, blog: Blog, kind: str, *, slug: str = "", path: str = "") -> Post:
    """Return the post (by slug) or page (by path) of this blog the reader may read, or 404.

    Its .blog is the blog given; its author, featured image (with the image's smaller
    copies), categories and tags come with it, in three queries (four with an image).
    """
    db = router.db_for_read(Post)
    connection = connections[db]
    statuses = visible_statuses(blog.is_member(request.user))
    sql, converters = _post_statement(connection, kind, len(statuses))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    where = path if kind == Post.Kind.PAGE else slug
    with connection.cursor() as cursor:
        cursor.execute(sql, [blog.pk, where, *statuses, now])
        found = cursor.fetchall()
    if not found:
        raise Http404(f"No {Post._meta.object_name} matches the given query.")
    if len(found) > 1:  # the unique constraints forbid it: let the ORM say what went wrong
        return Post.objects.filter(pk__in=[row[0] for row in found]).get()
    post = _built(db, blog, rows.convert(connection, found[0], converters))
    _read_terms(db, connection, post)
    return post


def _built(db: str, blog: Blog, values: list) -> Post:
    """Return the Post of a row, with its blog, author and featured image (or None) cached."""
    user_start = len(_POST_NAMES)
    image_start = user_start + len(_USER_NAMES)
    post = Post.from_db(db, _POST_NAMES, values[:user_start])
    post.blog = blog
    author = User.from_db(db, _USER_NAMES, values[user_start:image_start])
    Post.author.field.set_cached_value(post, author)
    image = None
    if values[image_start] is not None:  # the LEFT JOIN found a featured image
        image = MediaItem.from_db(db, _IMAGE_NAMES, values[image_start:])
        prefetch_related_objects([image], "renditions")  # for its srcset, as before
    Post.featured_image.field.set_cached_value(post, image)
    return post


def _read_terms(db: str, connection, post: Post) -> None:
    """Read the post's categories, then its tags, kept as prefetch_related keeps them.

    Each term is handed the post's Blog object, which its address needs (see with_terms).
    """
    cache = post.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, model in (("categories", Category), ("tags", Tag)):
        sql, converters = _terms_statement(connection, name)
        with connection.cursor() as cursor:
            cursor.execute(sql, [post.pk, post.blog_id])
            found = cursor.fetchall()
        names = [f.attname for f in model._meta.concrete_fields]
        terms = [model.from_db(db, names, rows.convert(connection, row, converters))
                 for row in found]  # fmt: skip
        for term in terms:
            model.blog.field.set_cached_value(term, post.blog)
        # As prefetch_related leaves them: the related manager's own (lazily filtered)
        # QuerySet, holding the rows read; what else is asked of it is asked of the database.
        # A copy of what django.db.models.query.prefetch_one_level does (Django 5.2): the
        # test of this module counts the page's queries, so an upgrade that changes it shows.
        queryset = getattr(post, name).get_queryset()
        queryset._result_cache = terms
        queryset._prefetch_done = True
        cache[name] = queryset


def readable(q, kind: str, statuses: int) -> str:
    """Return the conditions (on alias p) of a post (by slug) or page (by path) a reader may
    read: parameters its slug or path, `statuses` statuses (visible_statuses), and now.

    The kind is written in, not passed, so the unique index of the blog's post slugs (or
    page paths), which holds only posts (or pages), answers it.
    """
    name, column = _KINDS[kind]
    return (
        f"p.{q('kind')} = '{name}' AND p.{q(column)} = %s"
        f" AND p.{q('status')} IN ({', '.join(['%s'] * statuses)})"
        f" AND p.{q('published_at')} <= %s"
    )


def _post_statement(connection, kind: str, statuses: int) -> tuple[str, list]:
    """Return the SELECT of a blog's readable post (by slug) or page (by path), with its
    author and featured image: Post.objects.for_blog(blog).visible_to(user, blog) with
    .posts() or .pages(), .select_related("author", "featured_image") and .get(slug=...).
    """
    return rows.statement(
        connection, ("drawn post", kind, statuses),
        [("p", _POST_FIELDS), ("u", _USER_FIELDS), ("m", _IMAGE_FIELDS)],
        lambda q: (
            f"FROM {q(Post._meta.db_table)} p"
            f" INNER JOIN {q(User._meta.db_table)} u ON p.{q('author_id')} = u.{q('id')}"
            f" LEFT OUTER JOIN {q(MediaItem._meta.db_table)} m"
            f" ON p.{q('featured_image_id')} = m.{q('id')}"
            f" WHERE p.{q('blog_id')} = %s AND {readable(q, kind, statuses)} LIMIT 2"
        ),
    )  # fmt: skip


def _terms_statement(connection, name: str) -> tuple[str, list]:
    """Return the SELECT of a post's categories or tags, by name, as with_terms reads them:
    the terms of the post's own blog (Category's and Tag's Meta order them by name)."""
    key = (name, connection.vendor)
    if key not in _STATEMENTS:
        q = connection.ops.quote_name
        terms = Post._meta.get_field(name)  # the ManyToManyField, and its link table
        fields = terms.related_model._meta.concrete_fields
        columns = ", ".join(f"t.{q(f.column)}" for f in fields)
        sql = (
            f"SELECT {columns} FROM {q(terms.related_model._meta.db_table)} t"  # noqa: S608
            f" INNER JOIN {q(terms.remote_field.through._meta.db_table)} l"
            f" ON l.{q(terms.m2m_reverse_name())} = t.{q('id')}"
            f" WHERE l.{q(terms.m2m_column_name())} = %s AND t.{q('blog_id')} = %s"
            f" ORDER BY t.{q('name')}, t.{q('id')}"
        )
        _STATEMENTS[key] = sql, rows.converters(connection, fields, "t")
    return _STATEMENTS[key]
