"""Running an import again changes nothing; one that stopped resumes, never leaving half an item."""

from __future__ import annotations

import contextlib

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from byline.comments.models import Comment
from byline.porting.importer import Importer
from byline.porting.models import ImportJob, Origin
from byline.porting.tests.conftest import import_into
from byline.porting.tests.wxr_files import comment, document, post, theme_unit_test_data, write
from byline.posts.models import Category, Post, Tag


def snapshot(blog) -> dict:
    """Return everything an import writes to a blog, as comparable values."""
    posts = Post.objects.filter(blog=blog)
    return {
        "posts": sorted(
            posts.values_list("pk", "slug", "path", "status", "updated_at", "body_html")
        ),
        "comments": sorted(
            Comment.objects.for_blog(blog).values_list("pk", "post_id", "parent_id", "status")
        ),
        "counts": sorted(posts.values_list("pk", "comment_count")),
        "categories": sorted(Category.objects.filter(blog=blog).values_list("pk", "path")),
        "tags": sorted(Tag.objects.filter(blog=blog).values_list("pk", "slug")),
        "terms": sorted(posts.values_list("pk", "categories", "tags")),
        "origins": Origin.objects.filter(blog=blog).count(),
        "media": sorted(blog.media.values_list("pk", "post_id", "original_url")),
        "menus": sorted(blog.menus.values_list("pk", "items__pk", "items__parent_id")),
    }


def test_importing_the_same_file_again_changes_nothing(theme_blog):
    blog, _ = theme_blog
    before = snapshot(blog)

    summary = import_into(blog, theme_unit_test_data())

    assert snapshot(blog) == before
    assert summary.count("posts") == 0
    assert summary.count("posts", "already imported") == 58
    assert summary.count("comments", "already imported") == 33
    assert summary.count("attachments", "already imported") == 37


def many_posts(n: int, comments_each: int = 3) -> bytes:
    return document(
        *[
            post(i, comments=[comment(i * 100 + j, parent=str(i * 100 + j - 1) if j else "0")
                              for j in range(comments_each)])
            for i in range(1, n + 1)
        ]
    )  # fmt: skip


def test_an_import_stopped_between_batches_resumes_where_it_stopped(new_blog, tmp_path):
    path = write(tmp_path, many_posts(12))
    importer = Importer(new_blog, progress=lambda state: (_ for _ in ()).throw(KeyboardInterrupt))
    importer.BATCH_ITEMS = 5

    with pytest.raises(KeyboardInterrupt):
        importer.run(path)
    assert Post.objects.filter(blog=new_blog).count() == 5

    summary = import_into(new_blog, path)

    assert summary.count("posts", "already imported") == 5
    assert summary.count("posts") == 7
    assert Post.objects.filter(blog=new_blog).count() == 12
    assert Comment.objects.for_blog(new_blog).count() == 36


@contextlib.contextmanager
def database_fails_on_comment(text: str):
    """Make the database itself refuse one comment, as a full disk would refuse a write."""
    if connection.vendor == "postgresql":
        create = [
            "CREATE FUNCTION byline_refuse() RETURNS trigger AS $$ BEGIN "
            f"IF NEW.content = '{text}' THEN RAISE EXCEPTION 'disk full'; END IF; "
            "RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER byline_refuse BEFORE INSERT ON comments_comment "
            "FOR EACH ROW EXECUTE FUNCTION byline_refuse()",
        ]
        drop = ["DROP TRIGGER byline_refuse ON comments_comment", "DROP FUNCTION byline_refuse()"]
    else:
        create = [
            "CREATE TRIGGER byline_refuse BEFORE INSERT ON comments_comment "
            f"WHEN NEW.content = '{text}' BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        ]
        drop = ["DROP TRIGGER byline_refuse"]
    with connection.cursor() as cursor:
        for statement in create:
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in drop:
                cursor.execute(statement)


@pytest.mark.django_db(transaction=True)
def test_a_write_that_fails_midway_leaves_whole_items_and_the_same_command_resumes(
    new_blog, tmp_path
):
    posts = [post(i, comments=[comment(i * 10), comment(i * 10 + 1)]) for i in range(1, 601)]
    posts[400].comments[1].content = "the disk is full now"
    path = write(tmp_path, document(*posts))

    with database_fails_on_comment("the disk is full now"):
        with pytest.raises(CommandError) as stopped:
            call_command("import_wordpress", str(path), blog=new_blog.slug)

    assert "run the same import again" in str(stopped.value)
    imported = Post.objects.filter(blog=new_blog)
    # Whole batches only: the batch holding the refused comment left nothing behind.
    assert 0 < imported.count() < 401
    for each in imported:
        assert each.comments.count() == 2
        assert each.comment_count == 2
    job = ImportJob.objects.get(blog=new_blog)
    assert job.status == ImportJob.Status.FAILED

    call_command("import_wordpress", str(path), blog=new_blog.slug)

    assert Post.objects.filter(blog=new_blog).count() == 600
    assert Comment.objects.for_blog(new_blog).count() == 1200
    assert ImportJob.objects.filter(blog=new_blog).latest("pk").status == ImportJob.Status.DONE
