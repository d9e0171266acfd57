"""Run Byline under granian, in this process, with the options `byline serve` takes.

Granian was chosen by measurement (bench/README.md): its HTTP/1.1 server is written in Rust
and keeps connections alive, so a page from the page cache costs little more than the
Python that finds it; gunicorn's sync workers close every connection, and its threaded
workers parse HTTP in Python. Each worker is a process running the WSGI application in
`threads` threads: one is enough for the CPU, more let a worker wait on the database for
one request while it draws another.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# A worker past this resident size after a request is replaced (granian samples it), so a
# leak costs one restart rather than the machine's memory. Issue #8 budgets 150 MB a worker.
MAX_WORKER_RSS_MB = 150


def address(host: str, port: int) -> str:
    """Return the URL a browser on this machine opens to reach host:port (no trailing slash).

    >>> address("0.0.0.0", 8000)
    'http://127.0.0.1:8000'
    """
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 - every interface includes loopback
        host = "127.0.0.1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def prepare_workers(data_dir: Path, port: int) -> None:
    """Set what the worker processes inherit: metrics shared through files, JSON request logs.

    Each worker counts into its own files in the metrics folder and /metrics adds them up
    (byline/platform/metrics.py). The folder is this port's, emptied at start: counts from an
    earlier run would be added to this one's, and two servers of one data dir on two ports
    (as in tests/multi) must not empty each other's.
    """
    from django.conf import settings

    folder = data_dir / "metrics" / str(port)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
    # Under `byline serve` an unset BYLINE_REQUEST_LOG means JSON lines, for log collectors.
    # The settings are changed here, before granian forks its workers, and the environment
    # too, for a start method that imports the settings afresh.
    if not settings.BYLINE_REQUEST_LOG:
        settings.BYLINE_REQUEST_LOG = os.environ["BYLINE_REQUEST_LOG"] = "json"


def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Serve until interrupted: `workers` processes with `threads` threads each."""
    from django.conf import settings
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

    prepare_workers(settings.DATA_DIR, port)
    Granian(
        "byline.wsgi:application",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        websockets=False,
        log_level=LogLevels.warning,
        log_access=False,
        respawn_failed_workers=True,
        workers_max_rss=MAX_WORKER_RSS_MB,
        workers_kill_timeout=10,
    ).serve()
