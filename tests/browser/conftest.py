"""A real Byline server for the browser and validator tests, and one Chromium to drive it.

The server is a subprocess (tests/servers.py), as datasette's Playwright tests run theirs:
`byline demo --no-serve` seeds a temporary data directory, then `byline serve` answers on a
free port, with REDIS_URL and every BYLINE_* setting of this environment left out.
Everything the tests read comes from that server, never from the ORM in this process:
Playwright's sync API runs an event loop in the test thread, and Django refuses ORM calls
made while one is running (SynchronousOnlyOperation, microsoft/playwright-pytest#29).

These tests run in the SQLite pass of scripts/run_tests.py only (tests/database_passes.py):
they judge what Chromium, axe and the Nu checker make of the pages, and the queries behind
those pages run on both databases in the views' own tests. A test here whose point is the
database itself is marked `pass_database` and runs in both passes.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.servers import byline_server, fresh_postgres_database
from tests.support import CHROMIUM, CHROMIUM_ARGS, have_chromium, need


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[str]:
    """Boot `byline serve` over the seeded demo platform and yield its base URL (no slash).

    In the suite's PostgreSQL pass, DATABASE_URL names pytest-django's test database; the
    server must never write there, so it gets a throwaway database on the same host.
    """
    data_dir = tmp_path_factory.mktemp("byline-server")
    with ExitStack() as stack:
        database_url = None
        if os.environ.get("DATABASE_URL"):
            database_url = stack.enter_context(fresh_postgres_database(os.environ["DATABASE_URL"]))
        running = stack.enter_context(byline_server(data_dir, database_url=database_url))
        yield running.base


def fetch(url: str) -> tuple[int, str]:
    """Return the status and body of a GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="session")
def demo_pages(server) -> dict[str, str]:
    """Return the addresses of one demo page of each kind, found by following links."""
    _, home = fetch(f"{server}/demo/")
    soup = BeautifulSoup(home, "html.parser")
    post = urljoin(f"{server}/demo/", soup.select_one("h2.entry-title a")["href"])
    year = urlsplit(post).path.split("/")[2]
    return {
        "platform home": f"{server}/",
        "blog home": f"{server}/demo/",
        "post": post,
        "page": f"{server}/demo/about/",
        "nested page": f"{server}/demo/about/colophon/",
        "year archive": f"{server}/demo/{year}/",
        "category archive": urljoin(post, soup.select_one("a[rel~=category]")["href"]),
        "tag archive": urljoin(post, soup.select_one("a[rel=tag]")["href"]),
        "search": f"{server}/demo/?s=harbour",
        "blog 404": f"{server}/demo/no-such-page/",
        "platform 404": f"{server}/no-such-blog/",
    }


def launched_chromium() -> Iterator:
    """Yield a headless Chromium; its event loop runs until the generator is closed."""
    need("Chromium", have_chromium(), f"the browser tests drive {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


# Package scope, not session: the browser's event loop must be gone before any later
# test in the same run touches the ORM. (Every module of this package reads through the
# server; a package whose other modules use the ORM keeps its browser to one module, as
# tests/hostile does.)
@pytest.fixture(scope="package")
def browser():
    yield from launched_chromium()


@pytest.fixture
def page(browser, server):
    """Return a fresh tab (its own cookies) in a desktop-sized window."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
