"""A hit reads its blog's generation cheaply and still exactly: a bump by any other process
(another FileStore on the same folder, another Redis connection) is read by the very next
lookup, whether the file is written in place, replaced or removed."""

from __future__ import annotations

import os
import socket
import threading
import uuid

import pytest
import redis

from byline.pagecache.held import HeldFiles
from byline.pagecache.store import FileStore, RedisStore, new_generation
from tests.support import answers, need

REDIS_URL = "redis://127.0.0.1:6379/14"


def on_disk(store: FileStore, blog: str) -> str:
    with open(store.gens / blog) as f:
        return f.read()


def test_a_bump_by_another_process_is_read_by_the_next_lookup(tmp_path):
    writer, reader = FileStore(str(tmp_path)), FileStore(str(tmp_path))
    assert reader.generation("alice") == ""
    for _ in range(30):
        writer.bump(["alice"])
        assert reader.generation("alice") == on_disk(writer, "alice") != ""
    assert len(reader.held.open) == 1  # one file kept open, read again each time


def test_a_replaced_or_removed_file_is_noticed(tmp_path):
    writer, reader = FileStore(str(tmp_path)), FileStore(str(tmp_path))
    writer.bump(["alice"])
    assert reader.generation("alice") == on_disk(writer, "alice")
    for token in ("a" * 16, "longer-token-" + new_generation(), "b" * 16):
        FileStore._write(writer.gens / "alice", token.encode())  # renamed over, a new inode
        assert reader.generation("alice") == token
    writer.clear()
    assert reader.generation("alice") == ""
    writer.bump(["alice"])
    assert reader.generation("alice") == on_disk(writer, "alice")


def test_every_thread_sees_the_last_bump(tmp_path):
    writer, reader = FileStore(str(tmp_path)), FileStore(str(tmp_path))
    writer.bump(["alice"])
    done, wrong = threading.Event(), []

    def read_until_done():
        while not done.is_set():
            reader.generation("alice")
        if reader.generation("alice") != on_disk(writer, "alice"):
            wrong.append(threading.current_thread().name)

    threads = [threading.Thread(target=read_until_done) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(200):
        if i % 50 == 0:
            FileStore._write(writer.gens / "alice", new_generation().encode())
        else:
            writer.bump(["alice"])
    done.set()
    for t in threads:
        t.join()
    assert wrong == []


def test_at_most_limit_files_stay_open(tmp_path):
    held = HeldFiles(limit=3)
    before = len(os.listdir("/proc/self/fd"))
    for round_ in range(2):
        for n in range(10):
            (tmp_path / f"g{n}").write_text(f"{round_}-{n}")
            assert held.read(str(tmp_path / f"g{n}")) == f"{round_}-{n}"
    assert len(held.open) == 3
    assert len(os.listdir("/proc/self/fd")) <= before + 3
    held.close()
    assert len(os.listdir("/proc/self/fd")) <= before


@pytest.fixture
def redis_stores():
    need("Redis", answers("127.0.0.1", 6379), "the page cache's generations in Redis")
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    writer, reader = RedisStore(REDIS_URL, prefix), RedisStore(REDIS_URL, prefix)
    yield writer, reader
    writer.clear()


def test_redis_generations_are_read_on_every_lookup(redis_stores):
    writer, reader = redis_stores
    assert reader.generation("alice") == ""
    for _ in range(30):
        writer.bump(["alice"])
        stored = writer.client.get(f"{writer.prefix}:gen:alice").decode()
        assert reader.generation("alice") == stored


def test_a_connection_the_server_closed_is_replaced(redis_stores):
    writer, reader = redis_stores
    writer.bump(["alice"])
    reader.generation("alice")
    mine = reader.fast.local.connection._sock.getsockname()
    killed = writer.client.client_kill_filter(_type=None, addr=f"{mine[0]}:{mine[1]}")
    assert killed == 1
    writer.bump(["alice"])
    assert reader.generation("alice") == writer.client.get(f"{writer.prefix}:gen:alice").decode()


def test_an_error_reply_raises_and_the_next_read_works(redis_stores):
    writer, reader = redis_stores
    writer.client.rpush(f"{writer.prefix}:gen:listy", "x")  # GET on a list: WRONGTYPE
    with pytest.raises(redis.RedisError):
        reader.generation("listy")
    writer.bump(["alice"])
    assert reader.generation("alice") == writer.client.get(f"{writer.prefix}:gen:alice").decode()


def test_a_long_value_arrives_whole(redis_stores):
    writer, reader = redis_stores
    value = "x" * 300_000  # more than one recv
    writer.client.set(f"{writer.prefix}:gen:big", value)
    assert reader.generation("big") == value


def test_a_redis_that_is_down_is_an_error_the_cache_expects(redis_stores):
    from byline.pagecache.store import ERRORS

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    down = RedisStore(f"redis://127.0.0.1:{port}/14", "nobody")
    with pytest.raises(ERRORS):
        down.generation("alice")
