"""Where cached pages and each blog's generation live: files in the data dir, or Redis.

A stored page is one record per encoding (identity, gzip, br): a line of JSON saying which
blog and generation it was drawn at, when it expires, its ETag and headers, then the body
bytes as they go on the wire. No pickling and no compression on the way out, so a hit
costs two small reads (the record and its blog's generation); the fast path keeps records
in memory, so a hit there reads only the generation, from a file kept open (held.py) or
with one GET on a plain socket (fastget.py), never from a copy that could be stale.

Files are written to a private temporary name and renamed into place, so every process
of one machine sees a whole record or none. Redis (REDIS_URL) shares them between machines.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.signals import setting_changed

from byline.pagecache.fastget import FastGet
from byline.pagecache.held import HeldFiles

ENCODINGS = ("identity", "gzip", "br")


def _errors() -> tuple[type[BaseException], ...]:
    try:
        from redis import RedisError
    except ImportError:  # pragma: no cover - redis is a dependency
        return (OSError,)
    return (OSError, RedisError)


# What a store that is down or full raises: the page is then drawn without the cache.
ERRORS = _errors()


@dataclass
class Record:
    """One stored answer: what it was drawn from, its headers, and its body in one encoding."""

    blog: str  # the slug whose generation it belongs to
    gen: str
    expires: float
    etag: str
    modified: str  # an HTTP date
    headers: list = field(default_factory=list)
    body: bytes = b""
    # Stored by the fast path with every header Django's outer middleware adds, so it may
    # answer from it alone; a record stored inside Django (tests, no fast path) is not.
    final: bool = False

    def dumps(self) -> bytes:
        head = {"blog": self.blog, "gen": self.gen, "expires": self.expires, "etag": self.etag,
                "modified": self.modified, "headers": self.headers,
                "final": self.final}  # fmt: skip
        return json.dumps(head, separators=(",", ":")).encode() + b"\n" + self.body

    @classmethod
    def loads(cls, raw: bytes) -> Record | None:
        head, sep, body = raw.partition(b"\n")
        if not sep:
            return None
        try:
            record = cls(**json.loads(head), body=body)
        except (ValueError, TypeError):
            return None
        # WSGI servers take headers as (name, value) tuples only; JSON gives lists.
        record.headers = [(str(name), str(value)) for name, value in record.headers]
        return record


def key_digest(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


def new_generation() -> str:
    return secrets.token_hex(8)


class FileStore:
    """Records and generations as files under one folder, shared by every local process."""

    def __init__(self, location: str):
        self.root = Path(location)
        self.pages = self.root / "pages"
        self.gens = self.root / "generations"
        self.held = HeldFiles()

    def _page_path(self, key: str, encoding: str) -> Path:
        digest = key_digest(key)
        return self.pages / digest[:2] / f"{digest}.{encoding}"

    def get(self, key: str, encoding: str) -> Record | None:
        try:
            with open(self._page_path(key, encoding), "rb") as f:
                return Record.loads(f.read())
        except OSError:
            return None

    def set(self, key: str, records: dict[str, Record]) -> None:
        for encoding, record in records.items():
            self._write(self._page_path(key, encoding), record.dumps())

    def generation(self, blog: str) -> str:
        # Runs on every hit: a stat and a pread of a file kept open (held.py) cost a third
        # of opening, reading and closing it. A plain string path: pathlib costs more.
        return self.held.read(f"{self.gens}/{blog}")

    def bump(self, blogs: list[str]) -> None:
        for blog in blogs:
            token = new_generation().encode()
            # Overwritten in place, not renamed over: on ext4 a rename over an existing file
            # waits for the new file's blocks to reach the disk (auto_da_alloc), 1-5 ms, and
            # every comment bumps twice, once inside its SQLite write transaction.
            # A reader that catches the write halfway reads a token nobody writes, so its
            # page is stored under a stale generation and only misses (issue #8).
            try:
                fd = os.open(self.gens / blog, os.O_WRONLY)
            except FileNotFoundError:
                self._write(self.gens / blog, token)
                continue
            try:
                if os.fstat(fd).st_size == len(token):
                    os.pwrite(fd, token, 0)
                    continue
            finally:
                os.close(fd)
            self._write(self.gens / blog, token)  # another length: a whole new file

    def known_blogs(self) -> list[str]:
        try:
            return [p.name for p in self.gens.iterdir() if not p.name.startswith(".")]
        except OSError:
            return []

    def clear(self) -> None:
        import shutil

        shutil.rmtree(self.pages, ignore_errors=True)
        shutil.rmtree(self.gens, ignore_errors=True)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, draft = tempfile.mkstemp(dir=path.parent, prefix=".draft-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(draft, path)  # atomic: readers see the old record or the new one
        except BaseException:
            try:
                os.unlink(draft)
            except OSError:
                pass
            raise


class RedisStore:
    """Records and generations in Redis, shared by every app server."""

    def __init__(self, url: str, prefix: str):
        import redis

        self.client = redis.Redis.from_url(url)
        self.fast = FastGet(self.client)
        self.prefix = f"{prefix}:pagecache"

    def _page_key(self, key: str, encoding: str) -> str:
        return f"{self.prefix}:page:{key_digest(key)}:{encoding}"

    def get(self, key: str, encoding: str) -> Record | None:
        raw = self.client.get(self._page_key(key, encoding))
        return Record.loads(raw) if raw else None

    def set(self, key: str, records: dict[str, Record]) -> None:
        pipe = self.client.pipeline(transaction=False)
        for encoding, record in records.items():
            ttl = max(1, int(record.expires - _now()) + 1)
            pipe.set(self._page_key(key, encoding), record.dumps(), ex=ttl)
        pipe.execute()

    def generation(self, blog: str) -> str:
        # Runs on every hit: one GET on a plain socket per thread (fastget.py) costs a
        # quarter of redis-py's CPU; still one round trip, so every server sees every bump.
        raw = self.fast.get(f"{self.prefix}:gen:{blog}")
        return raw.decode() if raw else ""

    def bump(self, blogs: list[str]) -> None:
        # One MSET on the generations' own socket, not a pipeline of SETs through redis-py:
        # the same keys and values at half the CPU (fastset.py; every comment bumps four
        # times, page cache and chrome, now and after the commit, and every like twice).
        if blogs:
            from byline.pagecache import fastset

            fastset.mset(self.fast, {f"{self.prefix}:gen:{b}": new_generation() for b in blogs})

    def known_blogs(self) -> list[str]:
        start = len(f"{self.prefix}:gen:")
        return [k.decode()[start:] for k in self.client.scan_iter(f"{self.prefix}:gen:*")]

    def clear(self) -> None:
        for key in self.client.scan_iter(f"{self.prefix}:*"):
            self.client.delete(key)


def _now() -> float:
    import time

    return time.time()


_stores: dict[tuple, FileStore | RedisStore] = {}
# The store the settings name now: every hit asks for it, and two reads of Django's lazy
# settings cost more than the rest of the lookup. Forgotten when either setting changes
# (tests' override_settings send setting_changed; the settings are fixed in production).
_current: list = []


def get_store() -> FileStore | RedisStore:
    """Return the store the settings name (one per process and location)."""
    if _current:
        return _current[0]
    from django.conf import settings

    location, prefix = settings.PAGE_CACHE_LOCATION, settings.PAGE_CACHE_KEY_PREFIX
    found = _stores.get((location, prefix))
    if found is None:
        if location.startswith(("redis://", "rediss://", "unix://")):
            found = RedisStore(location, prefix)
        else:
            found = FileStore(location)
        _stores[(location, prefix)] = found
    _current[:] = [found]
    return found


def _forget_current(*, setting, **kwargs) -> None:
    if setting in ("PAGE_CACHE_LOCATION", "PAGE_CACHE_KEY_PREFIX"):
        _current.clear()


setting_changed.connect(_forget_current)
