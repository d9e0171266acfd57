"""`byline import wordpress`, `byline export wordpress` and `byline export json` at the terminal."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from byline.accounts.models import User
from byline.blogs.models import Blog
from byline.cli import translate
from byline.porting.models import ImportJob
from byline.porting.tests.wxr_files import document, post, write
from byline.porting.wxr import Author
from byline.posts.models import Post


def run(*args) -> tuple[str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_two_word_verbs_name_the_porting_commands():
    assert translate(["byline", "import", "wordpress", "f.xml"])[1] == "import_wordpress"
    assert translate(["byline", "export", "wordpress"])[1] == "export_wordpress"
    assert translate(["byline", "export", "json", "--blog", "x"])[1:] == [
        "export_json",
        "--blog",
        "x",
    ]


def test_import_creates_the_blog_and_prints_progress_and_a_summary(alice, tmp_path):
    path = write(
        tmp_path,
        document(post(1), post(2), site_fields={"title": "Old Notes", "description": "Since 2009"}),
    )

    out, err = run("import_wordpress", str(path), "--blog", "old-notes", "--create",
                   "--owner", "alice")  # fmt: skip

    blog = Blog.objects.get(slug="old-notes")
    assert (blog.title, blog.tagline, blog.owner) == ("Old Notes", "Since 2009", alice)
    assert blog.is_member(alice)
    assert Post.objects.filter(blog=blog).count() == 2
    assert "export.xml: 2 items and 0 comments." in err
    assert "2 of 2 items (100%)" in err and "items/s" in err
    assert "Imported export.xml into /old-notes/" in out
    assert "posts: 2 imported" in out
    job = ImportJob.objects.get(blog=blog)
    assert (job.status, job.done, job.total) == (ImportJob.Status.DONE, 2, 2)


def test_import_into_a_missing_blog_says_how_to_create_it(db, tmp_path):
    path = write(tmp_path, document(post(1)))

    with pytest.raises(CommandError, match="Add --create"):
        run("import_wordpress", str(path), "--blog", "nowhere")


def test_a_blog_slug_byline_reserves_is_refused_with_the_reason(alice, tmp_path):
    path = write(tmp_path, document(post(1)))

    with pytest.raises(CommandError, match="reserved"):
        run("import_wordpress", str(path), "--blog", "admin", "--create", "--owner", "alice")
    assert not Blog.objects.filter(slug="admin").exists()


def test_authors_can_be_given_to_people_already_here(demo_blog, bob, tmp_path):
    path = write(
        tmp_path,
        document(post(1, creator="admin"), post(2, creator="jo"),
                 authors=[Author("admin", "a@old.example"), Author("jo", "jo@old.example")]),
    )  # fmt: skip

    run("import_wordpress", str(path), "--blog", "demo", "--author-map", "admin=bob")

    assert Post.objects.get(slug="post-1").author == bob
    newcomer = Post.objects.get(slug="post-2").author
    assert (newcomer.username, newcomer.email) == ("jo", "jo@old.example")
    assert not User.objects.filter(username="admin").exists()


@pytest.mark.parametrize(
    ("mapping", "message"),
    [("admin", "is not old=new"), ("admin=nobody", "do not exist: nobody")],
)
def test_a_wrong_author_map_is_refused_before_anything_is_imported(demo_blog, tmp_path,
                                                                   mapping, message):  # fmt: skip
    path = write(tmp_path, document(post(1)))

    with pytest.raises(CommandError, match=message):
        run("import_wordpress", str(path), "--blog", "demo", "--author-map", mapping)
    assert not Post.objects.exists()


def test_a_missing_file_is_named(demo_blog):
    with pytest.raises(CommandError, match="There is no file at /no/such.xml"):
        run("import_wordpress", "/no/such.xml", "--blog", "demo")


def test_export_wordpress_writes_the_file_and_says_what_is_in_it(theme_blog, tmp_path):
    target = tmp_path / "theme.xml"

    out, _ = run("export_wordpress", "--blog", "theme", "-o", str(target))

    assert target.read_text().startswith('<?xml version="1.0" encoding="UTF-8" ?>')
    assert f"Exported /theme/ to {target}:" in out
    assert "58 posts" in out and "21 pages" in out and "33 comments" in out


def test_export_json_writes_an_archive(theme_blog, tmp_path):
    target = tmp_path / "theme.json"

    out, _ = run("export_json", "--blog", "theme", "--output", str(target))

    archive = json.loads(target.read_text())
    assert archive["format"] == "byline-archive"
    assert len(archive["posts"]) == 58
    assert "58 posts" in out


def test_exports_to_standard_output_when_no_file_is_named(theme_blog):
    out, _ = run("export_json", "--blog", "theme")

    assert json.loads(out)["blog"]["slug"] == "theme"


def test_an_export_of_a_missing_blog_is_refused(db):
    with pytest.raises(CommandError, match="There is no blog “nowhere”"):
        run("export_wordpress", "--blog", "nowhere")
