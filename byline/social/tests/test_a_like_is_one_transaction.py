"""A like or an unlike is one short write transaction, and costs a fixed number of queries."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from byline.comments.models import Comment
from byline.comments.tests.transactions import write_transactions
from byline.social.models import Like, Notification
from tests.factories import PostFactory

from .liking import HTMX
from .test_a_burst_of_likes_queues_one_email_task import email_tasks


def toggle(client, url: str, action: str):
    with write_transactions() as writes, CaptureQueriesContext(connection) as queries:
        answer = client.post(url, {"action": action}, **HTMX)
    assert answer.status_code == 200
    return writes, len(queries.captured_queries)


def test_liking_and_unliking_a_post_write_once_each(signed_in, charlie, post):
    reader = signed_in(charlie)
    # Warm up first: the sign-in providers are read once per process and change, then kept
    # (blogs/chrome.py), so the first answer of all costs one query more.
    warm_up = f"/read/like/post/{PostFactory(blog=post.blog).pk}/"
    toggle(reader, warm_up, "like")
    toggle(reader, warm_up, "unlike")
    url = f"/read/like/post/{post.pk}/"
    writes, first = toggle(reader, url, "like")
    # The like, alice's notification and the queued email: together or not at all (on
    # PostgreSQL the like and its notification are one statement).
    in_one = connection.vendor == "postgresql"
    assert writes.count == 1 and len(writes.writes) == (2 if in_one else 3), writes.writes
    assert Like.objects.filter(user=charlie, post=post).count() == 1
    assert Notification.objects.filter(recipient=post.author, like__post=post).count() == 1
    writes, _ = toggle(reader, url, "unlike")
    assert writes.count == 1, writes.writes
    assert not Like.objects.filter(user=charlie, post=post).exists()
    assert not Notification.objects.filter(recipient=post.author, kind="like").exists()
    writes, again = toggle(reader, url, "like")
    assert again == first  # the same cost every time


def test_liking_a_comment_twice_stores_one_like(signed_in, charlie, post):
    said = Comment.objects.create(post=post, content="Fine.", author_name="Ann", status="approved")
    reader = signed_in(charlie)
    url = f"/read/like/comment/{said.pk}/"
    writes, _ = toggle(reader, url, "like")
    assert writes.count == 1
    # A second click arriving late: the unique constraint refuses it, and the answer is
    # still the link as it stands.
    answer = reader.post(url, {"action": "like"}, **HTMX)
    assert Like.objects.filter(user=charlie, comment=said).count() == 1
    assert ">Liked</button>" in answer.content.decode()
    assert "1 like<" in answer.content.decode()


def test_a_like_stores_the_like_then_its_notification_and_reads_nothing_first(post, alice, charlie):
    with CaptureQueriesContext(connection) as queries:
        assert Like.add(charlie, post=post)
    sent = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    if connection.vendor == "postgresql":  # one statement, the like's id going into the other
        assert sent[0].startswith('WITH "l" AS (INSERT INTO "social_like"'), sent
        assert ') INSERT INTO "social_notification"' in sent[0], sent
        sent = sent[1:]
    else:
        assert sent[0].startswith('INSERT INTO "social_like"'), sent
        assert sent[1].startswith('INSERT INTO "social_notification"'), sent
    assert all(s.startswith("INSERT") for s in sent), sent  # then only the queued email

    like = Like.objects.get(user=charlie, post=post)
    assert like.comment_id is None
    assert abs(timezone.now() - like.created_at) < datetime.timedelta(minutes=1)
    told = Notification.objects.get(like=like)
    assert (told.recipient, told.kind, told.actor, told.blog, told.post, told.comment) == (
        alice, Notification.Kind.LIKE, charlie, post.blog, post, None)  # fmt: skip
    assert told.read_at is None and told.emailed_at is None and told.follow_id is None
    assert abs(timezone.now() - told.created_at) < datetime.timedelta(minutes=1)
    assert not Like.add(charlie, post=post)  # once
    assert Notification.objects.filter(like__post=post).count() == 1


def test_a_comments_like_tells_the_commenter(post, alice, charlie):
    said = Comment.objects.create(post=post, user=alice, content="Fine.", author_name="Alice",
                                  status="approved")  # fmt: skip
    assert Like.add(charlie, comment=said)
    like = Like.objects.get(user=charlie, comment=said)
    assert like.post_id is None
    told = Notification.objects.get(like=like)
    assert (told.recipient, told.post, told.comment) == (alice, post, said)


def test_while_an_email_waits_a_like_writes_itself_and_its_notification_only(
    signed_in, charlie, post, django_capture_on_commit_callbacks
):
    cache.clear()
    reader = signed_in(charlie)
    with django_capture_on_commit_callbacks(execute=True):  # the first like queues the email
        toggle(reader, f"/read/like/post/{PostFactory(blog=post.blog).pk}/", "like")
    assert email_tasks() == 1

    writes, _ = toggle(reader, f"/read/like/post/{post.pk}/", "like")
    # On PostgreSQL one statement, so no transaction of its own to begin and commit.
    assert len(writes.writes) == (1 if connection.vendor == "postgresql" else 2), writes.writes
    assert writes.count == 1
    assert Notification.objects.filter(recipient=post.author, like__post=post).count() == 1
    assert email_tasks() == 1  # the waiting one will tell of both
