"""A Byline server that offers "Log in with Loopback ID", and the loopback provider behind it."""

from __future__ import annotations

import json
import os
from contextlib import ExitStack

import pytest

from byline.platform.demo import DEMO_PASSWORD
from tests.browser.commenting_server import OPEN_DEMO_BLOG, SERVER_ENV
from tests.oidc import loopback_oidc_provider
from tests.oidc_provider.__main__ import PASSWORD as IDP_PASSWORD
from tests.oidc_provider.__main__ import USERNAME as IDP_USERNAME
from tests.servers import byline_server, fresh_postgres_database

CLIENT_ID, SECRET = "byline-browser", "browser-secret"

__all__ = ["DEMO_PASSWORD", "sign_in_server_fixture", "sign_in_at_idp"]


@pytest.fixture(scope="module", name="sign_in_server")
def sign_in_server_fixture(tmp_path_factory):
    """Yield (server, provider): Byline with Loopback ID configured, on a fresh database."""
    with ExitStack() as stack:
        provider = stack.enter_context(loopback_oidc_provider(tmp_path_factory.mktemp("idp")))
        entry = provider.app("loopback", "Loopback ID", CLIENT_ID, SECRET)
        env = {**SERVER_ENV, "BYLINE_OIDC_PROVIDERS": json.dumps([entry])}
        url = None
        if os.environ.get("DATABASE_URL"):
            url = stack.enter_context(fresh_postgres_database(os.environ["DATABASE_URL"]))
        data_dir = tmp_path_factory.mktemp("sign-in-server")
        server = stack.enter_context(
            byline_server(data_dir, database_url=url, extra_env=env, workers=2)
        )
        provider.register(
            CLIENT_ID, SECRET, f"{server.base}/accounts/oidc/loopback/login/callback/"
        )
        server.shell(OPEN_DEMO_BLOG)
        yield server, provider


def sign_in_at_idp(page) -> None:
    """Sign in on the provider's own page, as the reader would."""
    page.wait_for_selector("#idp-login")
    page.fill("#id_username", IDP_USERNAME)
    page.fill("#id_password", IDP_PASSWORD)
    page.click("#idp-login button[type=submit]")
