"""Which identities a reader may comment as, and which one they are using now."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.authentication import get_authentication_records
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

BYLINE = "byline"  # the value of Byline's own icon, which no allauth provider id can take
MASTODON = "mastodon"  # one icon for every Mastodon server: the reader names theirs next


@dataclass(frozen=True)
class Choice:
    value: str  # what the icon's button sends
    name: str  # what the reader reads: "Byline", "GitHub", "Acme ID"
    kind: str  # for the icon's look: "byline", "github", "openid_connect"…


def sign_in_choices(request) -> list[Choice]:
    """Return Byline's own sign-in first, then every configured outside provider."""
    choices = [Choice(BYLINE, settings.SITE_NAME, BYLINE)]
    for provider in get_adapter().list_providers(request):  # Mastodon servers left out
        value = provider.app.provider_id or provider.id
        choices.append(Choice(value, provider.name, provider.id))
    if settings.BYLINE_MASTODON_SIGN_IN:
        choices.append(Choice(MASTODON, "Mastodon", MASTODON))
    return choices


def provider_named(request, value: str):
    """Return the configured allauth provider an icon (or a sign-in record) names, or None."""
    if not value or value in (BYLINE, MASTODON):
        return None
    try:
        return get_adapter().get_provider(request, value)
    except (SocialApp.DoesNotExist, SocialApp.MultipleObjectsReturned, ImproperlyConfigured):
        return None


def signed_in_with(request) -> str:
    """Return the name of the account the reader signed in with this session ("Byline", …)."""
    for record in reversed(get_authentication_records(request, request.user)):
        if record.get("method") == "socialaccount":
            provider = provider_named(request, record.get("provider", ""))
            return provider.name if provider else record.get("provider", "").title()
        if record.get("method") in ("password", "code", "passkey"):
            break
    return settings.SITE_NAME
