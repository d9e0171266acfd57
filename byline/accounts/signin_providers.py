"""The outside accounts readers may log in with, read from the environment.

settings.py calls `from_environment()` to build allauth's SOCIALACCOUNT_PROVIDERS. A
provider is offered only when it is configured: here (both halves of its key pair set,
or an entry in BYLINE_OIDC_PROVIDERS), or as a "Social application" in the admin.
Nothing here imports models: settings.py runs it before Django is set up.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from byline.config import env

# Environment prefix -> (allauth provider id, its settings). Every one of them uses PKCE
# where the provider supports it, so a stolen authorization code is worthless.
KEYED_PROVIDERS = {
    "GITHUB": ("github", {"SCOPE": ["read:user", "user:email"]}),
    "GOOGLE": ("google", {"SCOPE": ["profile", "email"], "OAUTH_PKCE_ENABLED": True,
                          "AUTH_PARAMS": {"access_type": "online"}}),
    "FACEBOOK": ("facebook", {"METHOD": "oauth2", "SCOPE": ["email", "public_profile"]}),
    "X": ("twitter_oauth2", {"OAUTH_PKCE_ENABLED": True}),
    "WORDPRESS": ("wordpress_com", {}),  # byline/accounts/providers/wordpress_com
}  # fmt: skip

OIDC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
OIDC_EXAMPLE = (
    '[{"id": "acme", "name": "Acme ID", "server_url": "https://id.acme.example", '
    '"client_id": "byline", "secret": "…"}]'
)


def _keyed() -> dict:
    providers = {}
    for prefix, (provider, options) in KEYED_PROVIDERS.items():
        client_id = env(f"BYLINE_{prefix}_CLIENT_ID")
        secret = env(f"BYLINE_{prefix}_SECRET")
        if bool(client_id) != bool(secret):
            missing = "SECRET" if client_id else "CLIENT_ID"
            raise ImproperlyConfigured(
                f"BYLINE_{prefix}_{missing} is empty while its pair is set: set both to offer "
                f"“Log in with {prefix.title()}”, or neither."
            )
        if client_id:
            providers[provider] = {**options, "APPS": [{"client_id": client_id,
                                                        "secret": secret, "key": ""}]}  # fmt: skip
    return providers


def oidc_apps(raw: str, name: str = "BYLINE_OIDC_PROVIDERS") -> list[dict]:
    """Return allauth app entries for a JSON list of OpenID Connect providers.

    >>> oidc_apps('[{"id": "acme", "name": "Acme", "server_url": "https://id.acme.example",'
    ...           ' "client_id": "b", "secret": "s"}]')[0]["settings"]["server_url"]
    'https://id.acme.example'
    """
    if not raw:
        return []

    def refuse(problem: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(f"{name} {problem}. It should look like: {OIDC_EXAMPLE}")

    try:
        entries = json.loads(raw)
    except json.JSONDecodeError as error:
        raise refuse(f"is not valid JSON ({error.msg} at character {error.pos})") from None
    if not isinstance(entries, list):
        raise refuse("must be a JSON list of objects")
    apps, seen = [], set()
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise refuse(f"entry {n} is not an object")
        missing = [k for k in ("id", "name", "server_url", "client_id") if not entry.get(k)]
        if missing:
            raise refuse(f"entry {n} lacks {', '.join(missing)}")
        if not OIDC_ID.match(entry["id"]) or entry["id"] in seen:
            raise refuse(
                f"entry {n} has the id {entry['id']!r}: use lowercase letters, digits and "
                "hyphens, different for each provider (it appears in the callback address)"
            )
        if urlsplit(entry["server_url"]).scheme not in ("http", "https"):
            raise refuse(f"entry {n} has a server_url that is not an http(s) address")
        seen.add(entry["id"])
        apps.append({
            "provider_id": entry["id"],
            "name": entry["name"],
            "client_id": entry["client_id"],
            "secret": entry.get("secret", ""),
            "settings": {"server_url": entry["server_url"].rstrip("/"), "oauth_pkce_enabled": True},
        })  # fmt: skip
    return apps


def from_environment() -> dict:
    """Return SOCIALACCOUNT_PROVIDERS for the providers the environment configures."""
    providers = _keyed()
    # Always present, so SocialApps added in the admin get PKCE too.
    providers["openid_connect"] = {"OAUTH_PKCE_ENABLED": True,
                                   "APPS": oidc_apps(env("BYLINE_OIDC_PROVIDERS"))}  # fmt: skip
    return providers
