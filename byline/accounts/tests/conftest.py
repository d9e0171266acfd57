"""What the accounts tests share: a real OpenID Connect provider on loopback, a real SMTP
server (the subscriptions tests' own), and rate limits that start at zero in every test."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from byline.accounts.signin_providers import oidc_apps
from byline.subscriptions.tests.conftest import smtp  # noqa: F401 - the same SMTP fixture
from tests.oidc import loopback_oidc_provider

CLIENT_ID, SECRET = "byline-in-process", "in-process-secret"
CALLBACK = "http://testserver/accounts/oidc/loopback/login/callback/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # allauth counts attempts in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def loopback_provider(tmp_path_factory):
    with loopback_oidc_provider(tmp_path_factory.mktemp("oidc-provider")) as provider:
        provider.register(CLIENT_ID, SECRET, CALLBACK)
        yield provider


WPCOM_ID, WPCOM_SECRET = "wpcom-in-process", "wpcom-secret"
WPCOM_CALLBACK = "http://testserver/accounts/wordpress_com/login/callback/"


@pytest.fixture
def wordpress_com(settings, loopback_provider):
    """Offer "Log in with WordPress.com", answered by the loopback provider's WordPress.com
    addresses, as BYLINE_WORDPRESS_CLIENT_ID and BYLINE_WORDPRESS_SECRET would."""
    loopback_provider.register(WPCOM_ID, WPCOM_SECRET, WPCOM_CALLBACK)
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "wordpress_com": {"API_URL": loopback_provider.base,
                          "APPS": [{"client_id": WPCOM_ID, "secret": WPCOM_SECRET, "key": ""}]},
    }  # fmt: skip
    return loopback_provider


@pytest.fixture
def mastodon(settings, loopback_provider):
    """Offer "Log in with Mastodon"; the loopback provider is a Mastodon server too."""
    settings.BYLINE_MASTODON_SIGN_IN = True
    # Byline contacts only public servers; the tests' server is on loopback, over http.
    settings.SOCIALACCOUNT_PROVIDERS = {**settings.SOCIALACCOUNT_PROVIDERS,
                                        "mastodon": {"ALLOW_PRIVATE_SERVERS": True}}  # fmt: skip
    return loopback_provider


@pytest.fixture
def oidc(settings, loopback_provider):
    """Offer "Log in with Loopback ID" on this test's Byline, as BYLINE_OIDC_PROVIDERS would."""
    entry = loopback_provider.app("loopback", "Loopback ID", CLIENT_ID, SECRET)
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": oidc_apps(f"[{_json(entry)}]")},
    }
    return loopback_provider


def _json(entry: dict) -> str:
    import json

    return json.dumps(entry)
