"""What a test may need from this machine, and how it says so when it is missing."""

from __future__ import annotations

import os
import shutil
import socket

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A closed local port: without it Chromium still calls outside hosts (loopback bypasses it).
    "--proxy-server=http://127.0.0.1:9",
]


def need(what: str, available: bool, why: str) -> None:
    """Skip a test that needs something this machine lacks; under CI=true, fail instead."""
    if available:
        return
    message = f"{what} is not available: {why}"
    if IN_CI:
        pytest.fail(f"{message} (CI=true: this test must run)")
    pytest.skip(message)


def answers(host: str, port: int, timeout: float = 0.5) -> bool:
    """Return whether something accepts TCP connections at host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def have_chromium() -> bool:
    return os.path.exists(CHROMIUM)


def have_java() -> bool:
    return shutil.which("java") is not None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
