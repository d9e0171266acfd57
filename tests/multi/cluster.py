"""A small Byline cluster on this machine: app servers and workers on one PostgreSQL and Redis.

Each process is a real `byline serve` or `byline worker` with a data dir of its own (on
PostgreSQL), as if on a machine of its own, started in a session of its own so a test can
kill it with everything it forked (granian's workers too), as a machine dies. They share a
BYLINE_SECRET_KEY, as the machines of a deployment must (docs/deploy.md).
The test reads the shared database with plain SQL (psycopg), never through its own ORM:
its Django is set up on another database.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import subprocess
import time
import urllib.parse
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from tests.servers import BOOT_SECONDS, BYLINE, run_byline
from tests.support import free_port


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path
    port: int | None = None
    data_dir: Path | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send sig to the process and everything it started (its session)."""
        with suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)
        try:
            self.popen.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill(signal.SIGKILL)
            self.popen.wait()
        self.kill(signal.SIGKILL)  # any orphaned child of a process that died first


@dataclass
class Cluster:
    data_dir: Path
    env: dict
    processes: list[Process] = field(default_factory=list)

    def __post_init__(self):
        self.env = {"BYLINE_SECRET_KEY": secrets.token_urlsafe(50), **self.env}

    def byline(self, *args: str, timeout: float = 120) -> str:
        return run_byline(args, self.data_dir, self.env, timeout)

    def shell(self, code: str) -> str:
        return self.byline("shell", "--no-imports", "-c", code)

    def _start(self, name: str, args: list[str], port: int | None = None) -> Process:
        # A data dir of its own, as on a machine of its own: nothing is shared through files.
        # On SQLite the database is a file of the data dir, so there is one machine only.
        machine = self.data_dir / name if self.env.get("DATABASE_URL") else self.data_dir
        machine.mkdir(exist_ok=True)
        log = machine / f"{name}.log"
        env = {**self.env, "BYLINE_DATA_DIR": str(machine)}
        with log.open("w") as log_file:
            popen = subprocess.Popen(  # noqa: S603
                [str(BYLINE), *args], cwd=machine, env=env,
                stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        process = Process(name, popen, log, port, machine)
        self.processes.append(process)
        return process

    def start_server(self, name: str, workers: int = 2) -> Process:
        port = free_port()
        args = ["serve", "--port", str(port), "--workers", str(workers), "--threads", "4"]
        return self._start(name, args, port)

    def start_worker(self, name: str) -> Process:
        return self._start(name, ["worker", "--clock", "0.5", "--interval", "0.2"])

    def stop_all(self) -> None:
        for process in self.processes:  # all at once, then wait for each
            process.kill(signal.SIGTERM)
        for process in self.processes:
            process.stop()


def wait_until_ready(*servers: Process) -> None:
    """Wait until every server answers /readyz with 200 (its database and Redis reachable)."""
    deadline = time.monotonic() + BOOT_SECONDS
    waiting = list(servers)
    while waiting:
        server = waiting[0]
        if server.popen.poll() is not None:
            raise AssertionError(f"{server.name} exited:\n{server.output()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{server.name} was not ready in {BOOT_SECONDS}s")
        with suppress(OSError):
            if request(server, "GET", "/readyz")[0] == 200:
                waiting.pop(0)
                continue
        time.sleep(0.1)


def request(server: Process, method: str, path: str, body: dict | None = None,
            headers: dict | None = None, timeout: float = 10) -> tuple[int, dict, str]:  # fmt: skip
    """One HTTP request, no redirect followed: (status, headers, text)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        data = urllib.parse.urlencode(body).encode() if body is not None else None
        sent = dict(headers or {})
        if data is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=data, headers=sent)
        answer = connection.getresponse()
        text = answer.read().decode(errors="replace")
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, text
    finally:
        connection.close()


def comment_fields(page: str) -> dict:
    """The guest comment form's fields on a post page, as a browser would send them."""
    form = BeautifulSoup(page, "html.parser").find("form", id="commentform")
    assert form is not None, "no comment form on the page"
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    for box in ("remember", "subscribe_comments", "subscribe_blog"):
        fields.pop(box, None)
    return fields
