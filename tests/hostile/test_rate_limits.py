"""Floods get "429 Too Many Requests" with Retry-After, counted where every app server sees it.

Each limit runs twice: on the local-memory cache (no REDIS_URL) and on Redis (as with
REDIS_URL set), where the counts are shown to be in Redis itself, so a second app server
reading the same Redis refuses the flood too. byline/accounts/tests/test_rate_limits.py
proves the per-account login limit and the per-IP limits' numbers; test_no_user_enumeration
and test_log_out_everywhere beside it prove that no message tells which accounts exist and
that a reader can end every other session.
"""

from __future__ import annotations

import time
import uuid

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client

from byline.comments.models import DiscussionSettings
from byline.comments.tests.commenting import form_fields
from byline.social.models import Follow, Like
from tests.factories import BlogFactory, PostFactory, UserFactory
from tests.support import answers, need

REDIS = "redis://127.0.0.1:6379/6"


@pytest.fixture(params=["local memory", "redis"])
def shared_cache(request, settings):
    """The cache rate limits count in: this process's memory, or Redis, as REDIS_URL makes it."""
    if request.param == "redis":
        need("Redis", answers("127.0.0.1", 6379), "rate limits are shared through Redis")
        prefix = f"byline-test-{uuid.uuid4().hex[:8]}"
        settings.CACHES = {"default": {"BACKEND": "byline.platform.redis_cache.RedisCache",
                                       "LOCATION": REDIS, "KEY_PREFIX": prefix}}  # fmt: skip
        yield prefix
        import redis

        connection = redis.Redis.from_url(REDIS)
        for key in connection.scan_iter(f"{prefix}:*"):
            connection.delete(key)
    else:
        yield None


def in_redis(prefix: str) -> list[bytes]:
    import redis

    return list(redis.Redis.from_url(REDIS).scan_iter(f"{prefix}:*"))


def assert_too_many(response, at_least: int = 1) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= at_least


def flood(send, times: int) -> list:
    return [send(n) for n in range(times)]


def test_sign_in_sign_up_and_password_reset_answer_429_with_retry_after(shared_cache, db):
    client = Client()
    logins = flood(lambda n: client.post("/accounts/login/", {"login": f"u{n}", "password": "x"}),
                   31)  # fmt: skip
    assert [r.status_code for r in logins[:30]] == [200] * 30
    assert_too_many(logins[30], at_least=60)
    signups = flood(lambda n: client.post("/accounts/signup/", {
        "email": f"s{n}@example.test", "username": f"s{n}", "password1": "x", "password2": "y"}),
        21)  # fmt: skip
    assert_too_many(signups[20], at_least=60)
    resets = flood(lambda n: client.post("/accounts/password/reset/",
                                         {"email": "same@example.test"}), 6)  # fmt: skip
    assert resets[4].status_code in (200, 302)
    assert_too_many(resets[5], at_least=60)
    if shared_cache:
        # The counts are in Redis: another app server, with its own connection, sees them.
        assert in_redis(shared_cache)
        caches.close_all()
        again = Client().post("/accounts/login/", {"login": "u0", "password": "x"})
        assert_too_many(again)


def test_likes_and_follows_of_a_signed_in_reader_are_limited(shared_cache, demo_blog):
    reader = UserFactory(username="flooder")
    client = Client()
    client.force_login(reader)
    post = PostFactory(blog=demo_blog)
    likes = flood(lambda n: client.post(f"/read/like/post/{post.pk}/",
                                        {"action": "unlike" if n % 2 else "like"}), 61)  # fmt: skip
    assert all(r.status_code in (200, 302, 303) for r in likes[:60])
    assert_too_many(likes[60], at_least=60)
    assert Like.objects.count() == 0  # every like was taken back, the 61st never ran
    blogs = [BlogFactory(slug=f"f{n}") for n in range(31)]
    follows = flood(lambda n: client.post(f"/read/follow/{blogs[n].slug}/", {"action": "follow"}),
                    31)  # fmt: skip
    assert all(r.status_code in (200, 302, 303) for r in follows[:30])
    assert_too_many(follows[30], at_least=60)
    assert Follow.objects.filter(user=reader).count() == 30
    # Another reader is not held back by the first one's flood.
    other = Client()
    other.force_login(UserFactory(username="calm-reader"))
    assert other.post(f"/read/like/post/{post.pk}/", {"action": "like"}).status_code != 429


def test_comments_past_the_rate_answer_429_with_retry_after(shared_cache, demo_blog, settings):
    settings.BYLINE_COMMENT_RATE = (3, 60)
    DiscussionSettings.objects.create(blog=demo_blog, hold_first_comment=False)
    post = PostFactory(blog=demo_blog)
    guest = Client()
    form = form_fields(guest.get(post.get_absolute_url()))
    with time_machine.travel(time.time() + 10, tick=False):
        sent = flood(
            lambda n: guest.post(
                post.get_absolute_url(),
                {**form, "author": "Flo", "email": "flo@example.test", "comment": f"Words {n}"},
            ),
            4,
        )
    assert [r.status_code for r in sent[:3]] == [303] * 3
    assert_too_many(sent[3], at_least=60)
    assert "too quickly" in sent[3].content.decode()


def test_a_signed_in_session_gets_a_new_key_at_sign_in(client, charlie):
    client.get("/accounts/login/")
    session = client.session
    session["before"] = "sign-in"
    session.save()
    before = client.cookies["sessionid"].value
    response = client.post(
        "/accounts/login/", {"login": "charlie", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before  # a session fixed by someone else before sign-in is worthless
    assert Client(HTTP_COOKIE=f"sessionid={before}").get("/dashboard/").status_code == 302
