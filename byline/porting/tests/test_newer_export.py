"""A newer export of the same site brings over what changed, and readers see it at once."""

from __future__ import annotations

from django.test import Client

from byline.comments.models import Comment
from byline.pagecache.middleware import HEADER
from byline.porting.tests.conftest import import_into
from byline.porting.tests.wxr_files import comment, document, post, write
from byline.posts.models import Post

EARLIER, LATER = "2015-01-27 14:56:57", "2016-03-01 09:00:00"


def first_export() -> bytes:
    return document(
        post(1, post_modified_gmt=EARLIER, comments=[
            comment(10, approved="0"), comment(11), comment(13, approved="1"),
        ]),
        post(2, post_modified_gmt=EARLIER, content="<p>Second, unchanged.</p>"),
    )  # fmt: skip


def newer_export() -> bytes:
    """Post 1 edited and moderated on WordPress since; post 2 as it was; a new post 3."""
    return document(
        post(1, title="Post 1, revised", content="<p>Now with more.</p>", post_modified_gmt=LATER,
             status="private", comments=[
                 comment(10, approved="1"), comment(11), comment(13, approved="spam"),
                 comment(12, content="A new reply", parent="11"),
             ]),
        post(2, post_modified_gmt=EARLIER, content="<p>Second, unchanged.</p>"),
        post(3),
    )  # fmt: skip


def test_a_newer_export_updates_changed_posts_and_comment_states_and_skips_the_rest(
    new_blog, tmp_path
):
    import_into(new_blog, write(tmp_path, first_export(), "first.xml"))
    first = Post.objects.get(blog=new_blog, slug="post-1")
    assert first.comment_count == 2

    summary = import_into(new_blog, write(tmp_path, newer_export(), "newer.xml"))

    revised = Post.objects.get(pk=first.pk)
    assert (revised.title, revised.status) == ("Post 1, revised", Post.Status.PRIVATE)
    assert "Now with more." in revised.body_html and "Now with more." in revised.search_text
    assert (revised.slug, revised.path) == (first.slug, first.path)  # old links keep working
    assert revised.updated_at.isoformat().startswith("2016-03-01T09:00:00")
    states = dict(revised.comments.values_list("content", "status"))
    assert states["Comment 10."] == Comment.Status.APPROVED
    assert states["Comment 13."] == Comment.Status.SPAM
    assert states["A new reply"] == Comment.Status.APPROVED
    reply = revised.comments.get(content="A new reply")
    assert reply.parent.content == "Comment 11." and reply.depth == 2
    assert revised.comment_count == 3  # 10, 11 and the new reply; 13 is spam now
    assert summary.count("posts", "updated") == 1
    assert summary.count("posts", "already imported") == 1
    assert summary.count("posts") == 1  # post 3
    assert summary.count("comments", "updated") == 2
    assert summary.count("comments", "already imported") == 1
    assert summary.count("comments") == 1
    assert "posts: 1 already imported, 1 imported, 1 updated" in summary.lines()

    again = import_into(new_blog, write(tmp_path, newer_export(), "newer.xml"))

    assert again.count("posts", "updated") == again.count("comments", "updated") == 0
    assert again.count("posts", "already imported") == 3
    assert again.count("comments", "already imported") == 4


def test_a_post_edited_here_since_the_import_is_not_overwritten_by_the_file(new_blog, tmp_path):
    import_into(new_blog, write(tmp_path, first_export(), "first.xml"))
    edited = Post.objects.get(blog=new_blog, slug="post-1")
    edited.title = "Edited on Byline"
    edited.save()  # its modified date is now, later than the newer file's

    summary = import_into(new_blog, write(tmp_path, newer_export(), "newer.xml"))

    assert Post.objects.get(pk=edited.pk).title == "Edited on Byline"
    assert summary.count("posts", "updated") == 0


def read_twice(address: str):
    """Read a page as two new anonymous readers; the second gets the cached copy."""
    Client().get(address)
    response = Client().get(address)
    assert response.headers.get(HEADER) == "hit", address
    return response


def test_readers_see_an_import_at_once_though_its_rows_are_written_in_bulk(
    new_blog, tmp_path, settings
):
    settings.PAGE_CACHE_SECONDS = 86400
    settings.PAGE_CACHE_LOCATION = str(tmp_path / "pagecache")
    import_into(new_blog, write(tmp_path, first_export(), "first.xml"))
    second = Post.objects.get(blog=new_blog, slug="post-2")
    read_twice(second.get_absolute_url())
    read_twice(new_blog.get_absolute_url())

    # Only bulk writes: a new post and comments, no model's save().
    later = document(
        post(2, post_modified_gmt=EARLIER, content="<p>Second, unchanged.</p>",
             comments=[comment(20, content="Bulk comment")]),
        post(4, title="Fresh from the import"),
    )  # fmt: skip
    import_into(new_blog, write(tmp_path, later, "later.xml"))

    page = Client().get(second.get_absolute_url())
    assert page.headers.get(HEADER) == "miss"
    assert b"Bulk comment" in page.content
    assert b"Fresh from the import" in Client().get(new_blog.get_absolute_url()).content


def test_a_moderators_decision_here_stands_until_a_newer_file_changes_that_comment(
    new_blog, tmp_path
):
    first = write(tmp_path, first_export(), "first.xml")
    import_into(new_blog, first)
    held = Comment.objects.get(content="Comment 10.")
    held.set_status(Comment.Status.SPAM)  # decided here, after the import

    summary = import_into(new_blog, first)

    assert Comment.objects.get(pk=held.pk).status == Comment.Status.SPAM
    assert summary.count("comments", "updated") == 0

    import_into(new_blog, write(tmp_path, newer_export(), "newer.xml"))

    # The newer file approves it: WordPress's later word wins over the older decision.
    assert Comment.objects.get(pk=held.pk).status == Comment.Status.APPROVED
