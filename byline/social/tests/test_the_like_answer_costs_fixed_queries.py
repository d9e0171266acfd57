"""The htmx answer to a like toggle costs the same queries however many like the post."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.social import likes
from byline.social.models import Like
from tests.factories import PostFactory, UserFactory

from .liking import HTMX, like_button, likes_line


def liked_by(post, how_many: int) -> None:
    fans = [UserFactory(username=f"fan{post.pk}x{n}") for n in range(how_many)]
    Like.objects.bulk_create(Like(user=fan, post=post) for fan in fans)


def queries_to_toggle(client, post, action: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        answer = client.post(f"/read/like/post/{post.pk}/", {"action": action}, **HTMX)
    assert answer.status_code == 200
    assert like_button(answer) == ("★ Liked" if action == "like" else "★ Like")
    return len(captured)


def test_liking_and_unliking_cost_the_same_with_12_or_60_likes(signed_in, charlie, demo_blog):
    reader = signed_in(charlie)
    # Warm up first: the sign-in providers are read once per process and change, then kept
    # (blogs/chrome.py), so the first answer of all costs one query more.
    queries_to_toggle(reader, PostFactory(blog=demo_blog), "like")
    some, many = PostFactory(blog=demo_blog), PostFactory(blog=demo_blog)
    liked_by(some, 12)
    liked_by(many, 60)
    assert queries_to_toggle(reader, some, "like") == queries_to_toggle(reader, many, "like")
    unlike = queries_to_toggle(reader, some, "unlike")
    assert unlike == queries_to_toggle(reader, many, "unlike")
    assert "60 bloggers like this:" in likes_line(reader.post(
        f"/read/like/post/{many.pk}/", {"action": "unlike"}, **HTMX))  # fmt: skip


def test_a_caller_that_knows_whether_the_reader_likes_it_saves_the_question(
    charlie, demo_blog, django_assert_num_queries
):
    post = PostFactory(blog=demo_blog)
    liked_by(post, 20)
    Like.objects.create(user=charlie, post=post)
    Like.objects.filter(user=charlie).update(created_at=post.published_at)  # not in the faces
    with django_assert_num_queries(2):  # the faces with the count, and "does charlie like it?"
        assert likes.of_post(post, charlie).liked
    with django_assert_num_queries(1):
        shown = likes.of_post(post, charlie, liked=True)
    assert shown.liked and shown.count == 21 and shown.more == 11
