"""Small files read on every page-cache hit (each blog's generation), kept open between reads.

Opening, reading and closing a file costs three system calls and a Python file object;
the fast path did that on every hit. A file kept open costs one stat of its path (is it
still the same file?) and one pread. Exact whichever way a writer changes the file:

- written in place (pwrite): the open file is the same inode, so pread sees the new bytes;
- replaced (renamed over, or removed): the stat names another inode, or none, so the path
  is opened afresh. Because the old file is still open here, its inode number cannot be
  handed to a new file meanwhile, so "same number" always means "same file".

At most LIMIT files stay open per process (a platform of many blogs must not run out of
descriptors); past it the oldest is closed, and read again from its path when it is next asked.
"""

from __future__ import annotations

import os
import threading


class HeldFiles:
    """Read small files by path, keeping each open between reads (see the module docstring)."""

    LIMIT = 256
    SIZE = 256  # read at most this much: generations are 16 characters

    def __init__(self, limit: int = LIMIT):
        self.limit = limit
        self.open: dict[str, tuple[int, int, int]] = {}  # path -> (fd, st_dev, st_ino)
        self.lock = threading.Lock()  # the server's threads share the table

    def read(self, path: str) -> str:
        """Return the file's text, or "" when it does not exist (or cannot be read)."""
        try:
            found = os.stat(path)
        except OSError:
            return ""
        # Under the lock: another thread may close a descriptor, and the system hands its
        # number to the next file opened, which must never be read in its place.
        with self.lock:
            held = self.open.get(path)
            if held is not None and held[2] == found.st_ino and held[1] == found.st_dev:
                try:
                    return os.pread(held[0], self.SIZE, 0).decode(errors="replace")
                except OSError:
                    pass  # open it afresh below
        return self._open(path)

    def _open(self, path: str) -> str:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return ""
        try:
            opened = os.fstat(fd)  # what was opened, which may be newer than the stat above
            text = os.pread(fd, self.SIZE, 0).decode(errors="replace")
        except OSError:
            os.close(fd)
            return ""
        with self.lock:
            old = self.open.pop(path, None)
            self.open[path] = (fd, opened.st_dev, opened.st_ino)
            if old is not None:
                os.close(old[0])
            while len(self.open) > self.limit:
                os.close(self.open.pop(next(iter(self.open)))[0])
        return text

    def close(self) -> None:
        with self.lock:
            for fd, _, _ in self.open.values():
                os.close(fd)
            self.open.clear()
