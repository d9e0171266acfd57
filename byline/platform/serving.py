"""Run Byline under gunicorn, in this process, with the options `byline serve` takes."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication


class BylineServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from byline.wsgi import application

        return application


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
    BylineServer(
        {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread" if threads > 1 else "sync",
            # A worker stuck this long is killed and replaced rather than hanging forever.
            "timeout": 60,
            "graceful_timeout": 10,
            "keepalive": 5,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
        }
    ).run()
