"""One Redis MSET on the page cache's plain socket (fastget.py), for generation bumps.

Every comment bumps four generations (the page cache's and the chrome's, now and after the
commit), every like two (it is stored outside a transaction): through redis-py each MSET
cost about 37 µs of CPU, its pool, packing and reply parser; written and read on the
socket FastGet already keeps for this thread, about 10. The command and its keys and
values are the same, so every server sees the same bump; its reply is always one line
("+OK", or an error), read whole so the next GET on the socket starts clean. A closed
connection is replaced and the MSET sent once more (a bump sent twice only renews the
generation twice); any other surprise drops the connection and raises a RedisError, as
FastGet does.
"""

from __future__ import annotations

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError

from byline.pagecache.fastget import FastGet


def mset(fast: FastGet, values: dict[str, str]) -> None:
    """MSET these keys to these values on `fast`'s connection for this thread."""
    parts = [b"MSET"]
    for key, value in values.items():
        parts += (key.encode(), value.encode())
    command = b"*%d\r\n" % len(parts) + b"".join(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts)
    try:
        _tell(fast, command)
    except RedisConnectionError:
        _tell(fast, command)  # once more on a fresh connection


def _tell(fast: FastGet, command: bytes) -> None:
    sock = fast._socket()
    try:
        sock.sendall(command)
        reply = sock.recv(4096)
        while not reply.endswith(b"\r\n"):
            more = sock.recv(4096)
            if not more:
                raise OSError("Redis closed the connection")
            reply += more
    except OSError as e:
        fast.drop()
        raise RedisConnectionError(f"page cache generation bump: {e}") from e
    if reply == b"+OK\r\n":
        return
    fast.drop()
    if reply.startswith(b"-"):
        raise ResponseError(reply[1:].strip().decode(errors="replace"))
    raise RedisConnectionError(f"page cache generation bump: unexpected reply {reply[:20]!r}")
