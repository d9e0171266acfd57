"""Standard output as a log collector sees it, for the request-log tests."""

from __future__ import annotations

import io


class Pipe(io.StringIO):
    """Standard output as the collector sees it: only what was flushed."""

    def __init__(self):
        super().__init__()
        self.seen = ""

    def flush(self):
        self.seen = self.getvalue()
