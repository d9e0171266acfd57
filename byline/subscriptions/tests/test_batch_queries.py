"""Sending a batch costs the same few queries whether it mails two readers or a hundred."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.comments.models import Comment
from byline.subscriptions import tasks
from byline.subscriptions.tests.following import confirmed_subscriber
from tests.factories import PostFactory


def queries_to_send(send, ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert send(ids) == len(ids)
    return len(queries)


def test_a_batch_of_comment_emails_costs_the_same_queries_for_any_number_of_readers(
    demo_blog, smtp
):
    post = PostFactory(blog=demo_blog)
    ids = [confirmed_subscriber(f"reader{n}@example.test", post=post).pk for n in range(8)]
    comment = Comment.objects.create(post=post, author_name="Yann", content="Hello.",
                                     status=Comment.Status.APPROVED)  # fmt: skip

    def send(batch):
        return tasks.send_comment_batch.call(comment.pk, batch)

    assert queries_to_send(send, ids[:2]) == queries_to_send(send, ids[2:])
    assert len(smtp.received) == 8


def test_a_batch_of_post_emails_costs_the_same_queries_for_any_number_of_readers(demo_blog, smtp):
    ids = [confirmed_subscriber(f"reader{n}@example.test", blog=demo_blog).pk for n in range(8)]
    post = PostFactory(blog=demo_blog)

    def send(batch):
        return tasks.send_post_batch.call(post.pk, batch)

    assert queries_to_send(send, ids[:2]) == queries_to_send(send, ids[2:])
    assert len(smtp.received) == 8
