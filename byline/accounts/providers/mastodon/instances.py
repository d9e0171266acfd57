"""Find a reader's Mastodon server, and Byline's client registration on it."""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from allauth.socialaccount import app_settings
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.db import transaction
from django.urls import reverse

SCOPES = "read:accounts"  # who the reader is; nothing they wrote, nothing on their behalf
HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class NotAServer(Exception):
    """The reader's answer names no Mastodon server Byline can use; the message says why."""


def _options() -> dict:
    return app_settings.PROVIDERS.get("mastodon", {})


def domain_of(answer: str) -> str:
    """Return the server's domain from what a reader typed: a domain, a URL or @me@domain.

    >>> domain_of("@rosa@Mastodon.Social"), domain_of("https://fosstodon.org/@x")
    ('mastodon.social', 'fosstodon.org')
    """
    text = answer.strip().lower()
    if text.count("@") >= 1 and "://" not in text:
        text = text.rsplit("@", 1)[-1]
    host = urlsplit(text if "://" in text else f"https://{text}").netloc.rsplit("@", 1)[-1]
    allowed = _options().get("ALLOW_PRIVATE_SERVERS", False)
    if not (HOST.match(host) or (allowed and host)):
        raise NotAServer(f"“{answer.strip()[:80]}” is not a server address. Type the part after "
                         "the second @ of your handle, such as mastodon.social.")  # fmt: skip
    return host


def base_url(domain: str) -> str:
    scheme = "http" if _options().get("ALLOW_PRIVATE_SERVERS") else "https"
    return f"{scheme}://{domain}"


def check_public(domain: str) -> None:
    """Refuse a server that resolves to a private, loopback or otherwise internal address."""
    if _options().get("ALLOW_PRIVATE_SERVERS"):
        return  # the tests' server runs on loopback
    try:
        found = {info[4][0] for info in socket.getaddrinfo(domain, 443, proto=socket.IPPROTO_TCP)}
    except (socket.gaierror, UnicodeError):
        raise NotAServer(f"No server answers at {domain}; check the spelling.") from None
    if not found or not all(ipaddress.ip_address(a.split("%")[0]).is_global for a in found):
        raise NotAServer(f"{domain} is not a server on the public internet.")


def app_for(request, domain: str) -> SocialApp:
    """Return Byline's client on the server, registering it there the first time."""
    existing = SocialApp.objects.filter(provider="mastodon", provider_id=domain).first()
    if existing is not None:
        return existing
    check_public(domain)
    callback = request.build_absolute_uri(reverse("mastodon_callback", kwargs={"instance": domain}))
    try:
        with get_adapter().get_requests_session() as session:
            answer = session.post(f"{base_url(domain)}/api/v1/apps", data={
                "client_name": settings.SITE_NAME, "redirect_uris": callback,
                "scopes": SCOPES, "website": settings.BYLINE_SITE_URL,
            }, allow_redirects=False)  # fmt: skip
            answer.raise_for_status()
            client = answer.json()
        client_id, secret = client["client_id"], client["client_secret"]
    except Exception:  # noqa: BLE001 - any failure of theirs reads the same to the reader
        raise NotAServer(f"{domain} did not answer as a Mastodon server does. Check the "
                         "address, or try again later.") from None  # fmt: skip
    with transaction.atomic():
        app, _ = SocialApp.objects.get_or_create(
            provider="mastodon", provider_id=domain,
            defaults={"name": domain, "client_id": client_id, "secret": secret,
                      "settings": {"base_url": base_url(domain)}},
        )  # fmt: skip
    return app
