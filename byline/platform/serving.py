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
