"""A clock the browser stories set for the server they drive, as time-machine sets a test's.

The server runs Byline unchanged; this WSGI wrapper only moves the process's clock forward
by the seconds written in the file named by TEST_CLOCK_FILE, read before each request
(one worker, one thread, so no request sees the clock move under it). `byline` commands
run under the same clock with run_byline(). Nothing here is imported by Byline itself.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import time_machine

_current: tuple[float, time_machine.travel | None] = (0.0, None)


def _follow_the_clock() -> None:
    global _current
    path = os.environ.get("TEST_CLOCK_FILE", "")
    try:
        offset = float(Path(path).read_text() or 0) if path else 0.0
    except FileNotFoundError:
        offset = 0.0
    if offset == _current[0]:
        return
    if _current[1] is not None:
        _current[1].stop()
    traveller = time_machine.travel(datetime.timedelta(seconds=offset)) if offset else None
    if traveller is not None:
        traveller.start()
    _current = (offset, traveller)


def application(environ, start_response):
    from byline.wsgi import application as byline

    _follow_the_clock()
    return byline(environ, start_response)


SERVE = (
    "import sys\n"
    "from granian import Granian\n"
    "from granian.constants import Interfaces\n"
    "Granian('tests.browser.clock:application', address='127.0.0.1', port=int(sys.argv[1]),"
    " interface=Interfaces.WSGI, workers=1, blocking_threads=1, log_access=False).serve()\n"
)
BYLINE = (
    "import sys\n"
    "from tests.browser.clock import _follow_the_clock\n"
    "_follow_the_clock()\n"
    "from byline.cli import main\n"
    "sys.argv = ['byline', *sys.argv[1:]]\n"
    "main()\n"
)


def serve_command(port: int) -> list[str]:
    return [sys.executable, "-c", SERVE, str(port)]


def run_byline(env: dict, cwd: Path, *args: str) -> str:
    """Run a `byline` command under the clock; return its output."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", BYLINE, *args], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    if done.returncode != 0:
        raise AssertionError(f"byline {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout
