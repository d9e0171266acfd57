"""After a comment is sent, the redirect names the page of comments that shows its thread:
threads.page_of agrees with the pages build() draws, in one indexed count (issue #8)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from byline.comments import threads
from byline.comments.models import Comment, DiscussionSettings
from tests.factories import PostFactory

from .commenting import GUEST, fill_and_send

BASE = timezone.now() - datetime.timedelta(days=1)


def approved(post, text, minutes, parent=None):
    return Comment.objects.create(
        post=post, parent=parent, content=text, author_name="Reader",
        status=Comment.Status.APPROVED, created_at=BASE + datetime.timedelta(minutes=minutes),
    )  # fmt: skip


def a_discussion(blog, *, newest_first: bool):
    """Seven threads, two of them written in the same instant, with replies two deep."""
    DiscussionSettings.objects.create(
        blog=blog, threads_per_page=2, newest_first=newest_first, hold_first_comment=False
    )
    post = PostFactory(blog=blog)
    roots = [approved(post, f"thread {n}", minutes=n) for n in range(5)]
    roots += [approved(post, f"same instant {n}", minutes=7) for n in range(2)]  # order by id
    replies = [approved(post, "reply", minutes=20 + n, parent=roots[n]) for n in (0, 3, 6)]
    replies.append(approved(post, "reply to a reply", minutes=30, parent=replies[1]))
    Comment.objects.create(post=post, content="held", author_name="R", status="pending")
    return post, roots + replies


def drawn_pages(post) -> dict[int, int]:
    """Which page build() shows each top-level comment on."""
    pages, n = {}, 1
    while True:
        discussion = threads.build(post, page=n)
        pages.update({node.comment.pk: n for node in discussion.threads})
        if not discussion.page_obj.has_next():
            return pages
        n += 1


@pytest.mark.parametrize("newest_first", [False, True])
def test_every_comment_lands_on_the_page_that_shows_its_thread(demo_blog, newest_first):
    post, comments = a_discussion(demo_blog, newest_first=newest_first)
    pages = drawn_pages(post)
    assert sorted(set(pages.values())) == [1, 2, 3, 4]
    for comment in comments:
        comment = Comment.objects.select_related("post__blog").get(pk=comment.pk)
        assert threads.page_of(comment) == pages[comment.thread_id or comment.pk], comment


def test_the_redirect_names_the_page_of_the_new_thread_and_of_a_reply(guest, demo_blog):
    post, comments = a_discussion(demo_blog, newest_first=False)
    sent = fill_and_send(guest, post, **GUEST, comment="A new thread, the eighth.")
    new = Comment.objects.get(content="A new thread, the eighth.")
    assert sent["Location"] == f"{post.get_absolute_url()}comment-page-4/#comment-{new.pk}"
    assert drawn_pages(post)[new.pk] == 4

    deep = comments[-1]  # a reply to a reply to thread 3, on page 2
    sent = fill_and_send(guest, post, **GUEST, comment="Deeper still.", parent=str(deep.pk))
    reply = Comment.objects.get(content="Deeper still.")
    assert sent["Location"] == f"{post.get_absolute_url()}comment-page-2/#comment-{reply.pk}"


def test_finding_the_page_is_one_count(demo_blog, django_assert_num_queries):
    post, comments = a_discussion(demo_blog, newest_first=False)
    comment = Comment.objects.select_related("post__blog__discussion").get(pk=comments[4].pk)
    with django_assert_num_queries(1) as counted:
        assert threads.page_of(comment) == 3
    assert "COUNT(*)" in counted.captured_queries[0]["sql"]


@pytest.mark.parametrize("newest_first", [False, True])
def test_the_count_reads_a_range_of_the_index(demo_blog, newest_first):
    # A busy post among quieter ones, half its comments held, spam or replies: where the
    # planner has every reason to read one post's approved threads through their index.
    posts = [PostFactory(blog=demo_blog) for _ in range(4)]
    statuses = ["approved", "approved", "pending", "spam"]
    Comment.objects.bulk_create(
        Comment(post=post, author_name="R", content=f"c{n}", status=statuses[n % 4],
                created_at=BASE + datetime.timedelta(seconds=n))
        for post in posts for n in range(2000 if post == posts[1] else 300)
    )  # fmt: skip
    post = posts[1]
    middle = Comment.objects.get(post=post, content="c1000")
    sql = threads._BEFORE_SQL[newest_first]
    at = connection.ops.adapt_datetimefield_value(middle.created_at)
    params = [post.pk, "approved", at, at, middle.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.fetchone()[0] == (499 if newest_first else 500)
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE comments_comment")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            # PostgreSQL picks by its statistics between this post's approved comments by
            # (post, status, thread) and its threads by (post, status, parent, created_at);
            # either way an index bounds the read to the post, never the whole table.
            condition = plan.split("Index Cond:")[1].split("\n")[0]
            assert "post_id = " in condition and "Seq Scan" not in plan, plan
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = str(cursor.fetchall())
            edge = ">" if newest_first else "<"
            assert "comments_co_post_id_bd9ac5_idx" in plan, plan
            assert f"parent_id=? AND created_at{edge}" in plan, plan
