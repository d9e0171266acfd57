""" "Duplicate comment detected": the same words twice from one person, found through an index."""

from __future__ import annotations

from django.db import connection

from byline.comments.models import Comment, DiscussionSettings
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
