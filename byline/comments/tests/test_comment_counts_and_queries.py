"""Comment counts stay exact, and a post page costs the same queries with 5 or 60 comments."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.comments.models import Comment
from tests.factories import PostFactory


def add_thread(post, replies: int):
    root = Comment.objects.create(post=post, author_name="A", content="root",
                                  author_email="a@example.test", status="approved")  # fmt: skip
    parent = root
    for n in range(replies):
        parent = Comment.objects.create(post=post, parent=parent, author_name=f"R{n}",
                                        content=f"reply {n}", status="approved")  # fmt: skip


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_post_page_queries_do_not_grow_with_comments(guest, demo_blog):
    small, large = PostFactory(blog=demo_blog), PostFactory(blog=demo_blog)
    add_thread(small, 4)
    for _ in range(12):
        add_thread(large, 4)
    assert queries_for(guest, small.get_absolute_url()) == queries_for(
        guest, large.get_absolute_url()
    )


def test_count_follows_every_status_change(demo_blog):
    post = PostFactory(blog=demo_blog)
    comment = Comment.objects.create(post=post, author_name="A", content="x", status="pending")
    post.refresh_from_db()
    assert post.comment_count == 0
    for status, expected in [("approved", 1), ("spam", 0), ("approved", 1), ("trash", 0)]:
        comment.set_status(status)
        post.refresh_from_db()
        assert post.comment_count == expected, status
    comment.restore()
    post.refresh_from_db()
    assert (comment.status, post.comment_count) == ("approved", 1)
    comment.delete()
    post.refresh_from_db()
    assert post.comment_count == 0


def test_blog_home_shows_exact_comment_counts(guest, demo_blog):
    post = PostFactory(blog=demo_blog, title="Talked about")
    for n in range(3):
        Comment.objects.create(post=post, author_name="A", content=f"c{n}", status="approved")
    Comment.objects.create(post=post, author_name="B", content="held", status="pending")
    html = guest.get("/demo/").content.decode()
    assert "3 Comments" in html
