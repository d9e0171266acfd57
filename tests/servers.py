"""Real Byline servers for end-to-end tests: a seeded data dir, `byline serve`, its own database.

Everything such a test checks comes through the server's HTTP answers or through
`byline shell -c` run in the server's own environment, never through the ORM of the test
process, whose database is a different one (and Playwright's event loop forbids ORM calls).
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.support import free_port

BYLINE = Path(sys.executable).parent / "byline"
BOOT_SECONDS = 30


@contextmanager
def fresh_postgres_database(url: str) -> Iterator[str]:
    """Create a throwaway database on the server of `url`; yield its URL; drop it after."""
    import psycopg
    from psycopg import sql

    name = f"byline_e2e_{secrets.token_hex(4)}"
    admin = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            conn.execute(drop.format(sql.Identifier(name)))


def run_byline(args, data_dir: Path, env: dict, timeout: float = 120) -> str:
    """Run a `byline` command in data_dir with env; return its output, or fail the test."""
    done = subprocess.run(  # noqa: S603
        [str(BYLINE), *args], cwd=data_dir, env=env,
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    if done.returncode != 0:
        raise AssertionError(f"byline {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


# Seeding the demo platform (`byline demo --no-serve`: migrate, then a few hundred rows and
# argon2 hashes) costs seconds of CPU, and tens of seconds on a busy PostgreSQL; a dozen
# servers start in a run. So each test process seeds one template per database kind and
# every server gets a copy: the SQLite file, or CREATE DATABASE ... TEMPLATE. The demo is
# the same every time (a seeded random generator; dates relative to now, in days). A server
# on Redis seeds in place, as before: its seed also writes to that shared Redis.
_templates: dict[str, str] = {}


def seed_demo(server: RunningServer) -> None:
    """Give this server's database the demo platform, copied from this process's template."""
    if server.env.get("REDIS_URL"):
        server.byline("demo", "--no-serve")
        return
    url = server.env.get("DATABASE_URL")
    template = _templates.get(url and _postgres_server(url) or "sqlite")
    if template is None:
        template = _seed_template(url)
    if url:
        _copy_postgres_database(template, url)
    else:
        for part in Path(template).glob("byline.sqlite3*"):
            shutil.copyfile(part, server.data_dir / part.name)


def _postgres_server(url: str) -> str:
    return urlsplit(url)._replace(path="/postgres").geturl()


def _seed_template(url: str | None) -> str:
    folder = Path(tempfile.mkdtemp(prefix="byline-demo-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    if url:
        stack = ExitStack()
        template_url = stack.enter_context(fresh_postgres_database(url))
        atexit.register(stack.close)
        run_byline(["demo", "--no-serve"], folder, server_env(folder, template_url))
        _templates[_postgres_server(url)] = template_url
        return template_url
    run_byline(["demo", "--no-serve"], folder, server_env(folder, None))
    _templates["sqlite"] = str(folder)
    return str(folder)


def _copy_postgres_database(template_url: str, url: str) -> None:
    """Replace the (empty, unused) database of url with a copy of the template's."""
    import psycopg
    from psycopg import sql

    name, template = urlsplit(url).path.lstrip("/"), urlsplit(template_url).path.lstrip("/")
    admin = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
        create = sql.SQL("CREATE DATABASE {} TEMPLATE {}")
        conn.execute(create.format(sql.Identifier(name), sql.Identifier(template)))


@dataclass
class RunningServer:
    base: str
    env: dict
    data_dir: Path
    log: Path

    def byline(self, *args: str, timeout: float = 120) -> str:
        """Run a `byline` command against this server's data; return its output."""
        return run_byline(args, self.data_dir, self.env, timeout)

    def shell(self, code: str) -> str:
        """Run Python with Django set up on this server's database; return what it printed."""
        return self.byline("shell", "--no-imports", "-c", code)


def server_env(data_dir: Path, database_url: str | None, extra: dict | None = None) -> dict:
    """Return this environment minus Byline's settings, plus the server's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BYLINE_")}
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_URL", None)
    env.pop("DATABASE_REPLICA_URL", None)
    env["BYLINE_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra or {})
    return env


def _wait_until_answering(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + BOOT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"byline serve exited with {process.returncode}:\n{log.read_text()}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError(f"byline serve did not answer at {url} in {BOOT_SECONDS}s")


@contextmanager
def byline_server(
    data_dir: Path, *, database_url: str | None = None, extra_env: dict | None = None,
    workers: int = 1, seed: bool = True,
) -> Iterator[RunningServer]:  # fmt: skip
    """Seed the demo platform in data_dir, serve it on a free port, and stop it afterwards.

    With seed=False the data dir is served as it is: a second server beside a first one.
    """
    env = server_env(data_dir, database_url, extra_env)
    port = free_port()
    log = data_dir / f"server-{port}.log"
    running = RunningServer("", env, data_dir, log)
    if seed:
        seed_demo(running)
    with log.open("w") as log_file:
        process = subprocess.Popen(  # noqa: S603
            [str(BYLINE), "serve", "--port", str(port), "--workers", str(workers)],
            cwd=data_dir, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
    running.base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(f"{running.base}/", process, log)
        yield running
    finally:
        process.terminate()  # granian's main process stops its workers on SIGTERM
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
