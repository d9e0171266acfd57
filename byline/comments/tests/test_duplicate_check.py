""" "Duplicate comment detected": the same words twice from one person, found through an index."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.comments.models import DUPLICATE_SQL, Comment, DiscussionSettings
from tests.factories import PostFactory

from .commenting import GUEST, fill_and_send, parsed


def open_post(blog):
    DiscussionSettings.objects.create(blog=blog, hold_first_comment=False)
    return PostFactory(blog=blog)


def test_same_words_with_the_email_in_capitals_are_a_duplicate(guest, demo_blog):
    post = open_post(demo_blog)
    assert fill_and_send(guest, post, **GUEST, comment="Lovely tides.").status_code == 303
    again = fill_and_send(guest, post, author="Zoë", email="ZOE@Example.TEST",
                          comment="Lovely tides.")  # fmt: skip
    assert again.status_code == 400
    assert "Duplicate comment detected" in parsed(again).select_one(".form-errors").get_text()
    assert Comment.objects.count() == 1


def test_same_words_from_someone_else_are_not_a_duplicate(guest, demo_blog):
    post = open_post(demo_blog)
    fill_and_send(guest, post, **GUEST, comment="Me too.")
    other = fill_and_send(guest, post, author="Ann", email="ann@example.test", comment="Me too.")
    assert other.status_code == 303
    assert Comment.objects.filter(content="Me too.").count() == 2


def test_the_check_is_one_indexed_lookup_however_many_comments_the_post_has(demo_blog):
    post = open_post(demo_blog)
    Comment.objects.bulk_create(
        Comment(post=post, author_name=f"R{n}", author_email=f"r{n}@example.test",
                content=f"comment {n}", status="approved")
        for n in range(300)
    )  # fmt: skip
    candidate = Comment(post=post, content="comment 7", author_email="R7@example.TEST")
    assert Comment.objects.duplicates_of(candidate).exists()
    someone_else = Comment(post=post, content="comment 7", author_email="r8@example.test")
    assert not Comment.objects.duplicates_of(someone_else).exists()
    # The plan reads the post's comments by this email through the index, not all 300.
    query = Comment.objects.duplicates_of(candidate).order_by()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Statistics of the 300 rows, else the planner guesses from an empty table.
            cursor.execute("ANALYZE comments_comment")
        plan = query.explain()
    assert "comments_post_lower_email" in plan, plan


def test_the_posts_check_agrees_and_reads_the_same_index(demo_blog):
    post = open_post(demo_blog)
    Comment.objects.bulk_create(
        Comment(post=post, author_name=f"R{n}", author_email=f"r{n}@example.test",
                content=f"comment {n}", status="approved", author_ip="192.0.2.1")
        for n in range(300)
    )  # fmt: skip
    has_duplicate = Comment.objects.has_duplicate
    assert has_duplicate(Comment(post=post, content="comment 7", author_email="R7@example.TEST"))
    assert not has_duplicate(Comment(post=post, content="comment 7", author_email="r8@x.test"))
    assert not has_duplicate(Comment(post=post, content="Comment 7", author_email="r7@x.test"))
    other = PostFactory(blog=demo_blog)
    assert not has_duplicate(Comment(post=other, content="comment 7", author_email="r7@x.test"))
    # Without an email, the same words from the same address.
    assert has_duplicate(Comment(post=post, content="comment 9", author_ip="192.0.2.1"))
    assert not has_duplicate(Comment(post=post, content="comment 9", author_ip="192.0.2.2"))
    params = [post.pk, "R7@example.TEST", "comment 7"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE comments_comment")
            cursor.execute(f"EXPLAIN {DUPLICATE_SQL}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {DUPLICATE_SQL}", params)
        plan = str(cursor.fetchall())
    assert "comments_post_lower_email" in plan, plan


def test_a_comment_post_checks_with_that_statement(guest, demo_blog):
    post = open_post(demo_blog)
    fill_and_send(guest, post, **GUEST, comment="Once.")
    with CaptureQueriesContext(connection) as sent:
        assert fill_and_send(guest, post, **GUEST, comment="Twice.").status_code == 303
    checks = [q["sql"] for q in sent.captured_queries if "LOWER" in q["sql"]]
    assert len(checks) == 1, checks
    assert checks[0].startswith("SELECT 1 FROM comments_comment WHERE post_id = "), checks
