"""Run Byline under granian, in this process, with the options `byline serve` takes.

Granian was chosen by measurement (bench/README.md): its HTTP/1.1 server is written in Rust
and keeps connections alive, so a page from the page cache costs little more than the
Python that finds it; gunicorn's sync workers close every connection, and its threaded
workers parse HTTP in Python. Each worker is a process running the WSGI application in
`threads` threads: one is enough for the CPU, more let a worker wait on the database for
one request while it draws another.
"""

from __future__ import annotations

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


def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Serve until interrupted: `workers` processes with `threads` threads each."""
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

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
