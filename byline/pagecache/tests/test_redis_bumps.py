"""A bump in Redis gives every blog it names a new generation at once (one MSET on the
generations' own socket, fastset.py), leaves the other blogs' alone, names no blog at all
without a round trip, and shares its socket with the generation reads without confusing
them, whatever the server did to the connection meanwhile."""

from __future__ import annotations

import uuid

import pytest
import redis

from byline.pagecache import fastset
from byline.pagecache.store import RedisStore
from tests.support import answers, need

REDIS_URL = "redis://127.0.0.1:6379/12"


@pytest.fixture
def store():
    need("Redis", answers("127.0.0.1", 6379), "the page cache's generations in Redis")
    store = RedisStore(REDIS_URL, f"test-{uuid.uuid4().hex[:8]}")
    yield store
    store.clear()


def stored(store, blog):
    return store.client.get(f"{store.prefix}:gen:{blog}").decode()  # read through redis-py


def test_a_bump_renews_every_named_blog_and_no_other(store):
    store.bump(["carol"])
    carol = store.generation("carol")
    assert carol == stored(store, "carol")
    store.bump(["alice", "bob"])
    alice, bob = store.generation("alice"), store.generation("bob")
    assert alice and bob and alice != bob
    assert (alice, bob) == (stored(store, "alice"), stored(store, "bob"))
    assert store.generation("carol") == carol
    store.bump(["alice"])
    assert store.generation("alice") not in ("", alice)
    assert store.generation("bob") == bob
    assert sorted(store.known_blogs()) == ["alice", "bob", "carol"]


def test_bumps_and_reads_take_turns_on_one_socket(store):
    for n in range(50):
        store.bump([f"blog-{n % 3}", "ünïcode-blog"])
        assert store.generation(f"blog-{n % 3}") == stored(store, f"blog-{n % 3}")
        assert store.generation("ünïcode-blog") == stored(store, "ünïcode-blog")
    assert store.fast.local.connection is not None


def test_a_bump_of_no_blog_sends_nothing(store):
    store.bump([])
    assert getattr(store.fast.local, "connection", None) is None
    assert store.known_blogs() == []


def test_a_connection_the_server_closed_is_replaced(store):
    store.bump(["alice"])
    mine = store.fast.local.connection._sock.getsockname()
    assert store.client.client_kill_filter(_type=None, addr=f"{mine[0]}:{mine[1]}") == 1
    store.bump(["alice"])  # sent again on a fresh connection
    assert store.generation("alice") == stored(store, "alice")


def test_an_error_reply_raises_and_the_next_bump_works(store, monkeypatch):
    store.bump(["alice"])
    # A command the server refuses answers "-ERR …", as a read-only replica answers MSET.
    monkeypatch.setattr(fastset, "_tell", _refusing(fastset._tell))
    with pytest.raises(redis.ResponseError):
        fastset.mset(store.fast, {"ignored": "x"})
    monkeypatch.undo()
    assert store.fast.local.connection is None  # dropped
    store.bump(["alice"])
    assert store.generation("alice") == stored(store, "alice")


def _refusing(tell):
    def refused(fast, command):
        return tell(fast, b"*2\r\n$4\r\nNOPE\r\n$1\r\nx\r\n")

    return refused
