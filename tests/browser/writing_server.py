"""A Byline server for the dashboard's browser tests, and signing in to it as a demo writer."""

from __future__ import annotations

import os

import pytest

from byline.platform.demo import DEMO_PASSWORD
from tests.servers import byline_server, fresh_postgres_database

__all__ = ["sign_in", "tab_fixture", "writing_server_fixture"]


@pytest.fixture(scope="module", name="writing_server")
def writing_server_fixture(tmp_path_factory):
    """A server of its own: these tests add posts, which the reading tests must not see."""
    data_dir = tmp_path_factory.mktemp("writing-server")
    if os.environ.get("DATABASE_URL"):
        with fresh_postgres_database(os.environ["DATABASE_URL"]) as url:
            with byline_server(data_dir, database_url=url) as server:
                yield server
    else:
        with byline_server(data_dir) as server:
            yield server


@pytest.fixture(name="tab")
def tab_fixture(browser):
    """Return a fresh tab (its own cookies) in a desktop-sized window."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(tab, server, username: str = "alice", then: str = "/dashboard/") -> None:
    """Sign in through the log-in form with the demo password, and land on `then`."""
    tab.goto(f"{server.base}/accounts/login/?next={then}")
    tab.fill("#id_login", username)
    tab.fill("#id_password", DEMO_PASSWORD)
    tab.click("form[action='/accounts/login/'] button[type=submit]")
    tab.wait_for_url(f"{server.base}{then}")
