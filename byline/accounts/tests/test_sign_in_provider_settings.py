"""Outside sign-in is configured from the environment; a half-made setting stops start-up."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from byline.accounts import signin_providers


def providers(monkeypatch, **variables) -> dict:
    for name in [n for n in __import__("os").environ if n.startswith(("BYLINE_GITHUB", "BYLINE_X_",
                 "BYLINE_GOOGLE", "BYLINE_FACEBOOK", "BYLINE_OIDC"))]:  # fmt: skip
        monkeypatch.delenv(name)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return signin_providers.from_environment()


def test_nothing_set_offers_no_outside_provider(monkeypatch):
    found = providers(monkeypatch)

    assert list(found) == ["openid_connect"]
    assert found["openid_connect"]["APPS"] == []


def test_a_key_pair_turns_a_provider_on(monkeypatch):
    found = providers(monkeypatch, BYLINE_GITHUB_CLIENT_ID="abc", BYLINE_GITHUB_SECRET="xyz",
                      BYLINE_X_CLIENT_ID="t", BYLINE_X_SECRET="s")  # fmt: skip

    assert found["github"]["APPS"] == [{"client_id": "abc", "secret": "xyz", "key": ""}]
    assert found["twitter_oauth2"]["OAUTH_PKCE_ENABLED"] is True
    assert "google" not in found


def test_half_a_key_pair_is_refused_by_name(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="BYLINE_GOOGLE_SECRET is empty while its pair"):
        providers(monkeypatch, BYLINE_GOOGLE_CLIENT_ID="abc")


def test_openid_connect_providers_come_from_json_with_pkce(monkeypatch):
    entry = {"id": "acme", "name": "Acme ID", "server_url": "https://id.acme.example/",
             "client_id": "byline", "secret": "s3"}  # fmt: skip

    [app] = providers(monkeypatch, BYLINE_OIDC_PROVIDERS=json.dumps([entry]))["openid_connect"][
        "APPS"]  # fmt: skip

    assert (app["provider_id"], app["name"], app["client_id"]) == ("acme", "Acme ID", "byline")
    assert app["settings"] == {"server_url": "https://id.acme.example", "oauth_pkce_enabled": True}


@pytest.mark.parametrize("raw, says", [
    ("{not json", "is not valid JSON"),
    ('{"id": "a"}', "must be a JSON list of objects"),
    ('[{"id": "a", "name": "A"}]', "entry 1 lacks server_url, client_id"),
    ('[{"id": "Bad Id", "name": "A", "server_url": "https://x", "client_id": "c"}]',
     "use lowercase letters, digits and hyphens"),
    ('[{"id": "a", "name": "A", "server_url": "ftp://x", "client_id": "c"}]',
     "not an http(s) address"),
])  # fmt: skip
def test_a_bad_openid_connect_setting_says_what_is_wrong(raw, says):
    with pytest.raises(ImproperlyConfigured, match="BYLINE_OIDC_PROVIDERS") as caught:
        signin_providers.oidc_apps(raw)

    assert says in str(caught.value)
    assert "It should look like:" in str(caught.value)
