"""Where an export command writes: a file, written whole or not at all, or standard output."""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import CommandError


@contextmanager
def output(path: str | None, standard_output=None):
    """Yield a text stream for path ("-" or None: the command's standard output).

    A file is written under a temporary name and moved into place at the end, so an export
    that fails halfway never leaves a half file where a good one was.
    """
    if not path or path == "-":
        yield standard_output or sys.stdout
        return
    target = Path(path).resolve()
    if not target.parent.is_dir():
        raise CommandError(f"There is no folder {target.parent} to write {target.name} in.")
    fd, draft = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            yield stream
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(draft, 0o666 & ~umask)  # mkstemp makes it private; an export is a normal file
        os.replace(draft, target)
    except BaseException:
        Path(draft).unlink(missing_ok=True)
        raise
