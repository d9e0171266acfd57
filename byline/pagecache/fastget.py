"""One Redis GET on a plain socket, for the page cache's per-hit generation check.

Every hit asks Redis for its blog's generation, so a write on any server is seen by the
next reader on every server. Through redis-py that GET cost about 30 µs of CPU (its
connection pool, command packing and reply parser), more than the rest of a hit; the same
command written and read on a socket costs about 8. The round trip is the same, so nothing
is cached and nothing can be stale.

redis-py still opens each connection (address, password, database, TLS from REDIS_URL);
this keeps one per thread and speaks only GET on it. Any surprise (a closed socket, an
error reply, a reply it does not know) drops the connection and raises a RedisError, which
the page cache treats as the store being down for that request; a connection closed by a
restarted server is replaced and the GET sent once more.
"""

from __future__ import annotations

import os
import threading

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, ResponseError


class FastGet:
    """GET on one connection per thread, opened by the redis-py client's own pool settings."""

    def __init__(self, client):
        self.pool = client.connection_pool
        self.local = threading.local()

    def get(self, key: str) -> bytes | None:
        command = b"*2\r\n$3\r\nGET\r\n$%d\r\n%s\r\n" % (len(key.encode()), key.encode())
        try:
            return self._ask(command)
        except RedisConnectionError:
            return self._ask(command)  # once more on a fresh connection

    def _ask(self, command: bytes) -> bytes | None:
        sock = self._socket()
        try:
            sock.sendall(command)
            reply = sock.recv(4096)
            while True:
                answer = _parse(reply)
                if answer is not _MORE:
                    return answer
                more = sock.recv(65536)
                if not more:
                    raise OSError("Redis closed the connection")
                reply += more
        except (OSError, ValueError) as e:
            self.drop()
            raise RedisConnectionError(f"page cache generation read: {e}") from e
        except RedisError:
            self.drop()
            raise

    def _socket(self):
        local = self.local
        if getattr(local, "pid", None) != os.getpid():  # a forked child opens its own
            local.connection = None
            local.pid = os.getpid()
        if local.connection is None:
            connection = self.pool.make_connection()
            connection.connect()
            local.connection = connection
        return local.connection._sock

    def drop(self) -> None:
        connection, self.local.connection = getattr(self.local, "connection", None), None
        if connection is not None:
            connection.disconnect()


_MORE = object()  # the reply is not all there yet


def _parse(reply: bytes):
    """Return GET's answer from a whole reply, or _MORE when part of it is still to come."""
    head, sep, rest = reply.partition(b"\r\n")
    if not sep:
        return _MORE
    kind = head[:1]
    if kind == b"$":
        size = int(head[1:])
        if size < 0:
            return None
        if len(rest) < size + 2:
            return _MORE
        if len(rest) != size + 2:
            raise ValueError("more than one reply")
        return rest[:size]
    if kind == b"_" and not rest:  # RESP3's null
        return None
    if kind == b"-":
        raise ResponseError(head[1:].decode(errors="replace"))
    raise ValueError(f"unexpected reply {head[:20]!r}")
