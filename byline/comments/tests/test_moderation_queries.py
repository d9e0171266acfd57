"""The queue page costs the same number of queries for 2 comments as for 50."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.comments.models import Comment
from byline.comments.tests.moderating import comment_on, listed, queue_url
from tests.factories import PostFactory, UserFactory


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_queue_queries_do_not_grow_with_the_number_of_comments(alice, signed_in, demo_blog):
    member = signed_in(alice)
    first = PostFactory(blog=demo_blog)
    top = comment_on(first, Comment.Status.APPROVED)
    comment_on(first, parent=top)
    member.get(queue_url(demo_blog))  # once to warm up what any first request caches
    few = queries_for(member, queue_url(demo_blog))

    for n in range(12):
        post = PostFactory(blog=demo_blog, author=UserFactory())
        parent = comment_on(post, Comment.Status.APPROVED, author_url="https://x.example.test/")
        comment_on(post, parent=parent)
        comment_on(post, Comment.Status.APPROVED, parent=parent)
        comment_on(post, user=alice if n % 2 else None)
    many = queries_for(member, queue_url(demo_blog))

    assert len(listed(member.get(queue_url(demo_blog)))) == 50
    assert many == few
