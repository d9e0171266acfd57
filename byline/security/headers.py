"""The Content-Security-Policy and Permissions-Policy of every answer Byline draws.

Where it sits: in MIDDLEWARE just below PageCacheMiddleware, so both headers are part of
the answer the page cache stores, and a page served from the cache (by the middleware or
by anything that replays the stored record) carries them too. SecurityMiddleware, at the
top, adds nosniff, Referrer-Policy and HSTS to every answer, cached or not.

Nonces: django-csp makes one only when a template reads request.csp_nonce. The page cache
gives every anonymous reader the same copy of a page, so a nonce stored in it would be
known to all of them and worthless: an answer that used a nonce is marked
Cache-Control: private, which the page cache never stores. Public pages therefore hold no
inline script at all (their JSON-LD block is data, which CSP does not run).

Sign-in with an outside account is a form POST answered by a redirect to the provider,
and browsers hold that redirect to form-action too, so the providers' hosts are added to
it; Mastodon servers can be any host, so only the page that asks for one allows https:.

Every "429 Too Many Requests" also leaves with a Retry-After (security/ratelimits.py).
"""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponseBadRequest
from django.utils.cache import patch_cache_control

from byline.security import ratelimits

# Powerful browser features no Byline page uses, turned off for the page and any frame.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
                    "magnetometer", "microphone", "midi", "payment", "usb")
)  # fmt: skip

# Where allauth sends a reader to authorize, per provider (their authorize endpoints).
PROVIDER_ORIGINS = {
    "github": ["https://github.com"],
    "google": ["https://accounts.google.com"],
    "facebook": ["https://www.facebook.com"],
    "twitter_oauth2": ["https://twitter.com", "https://x.com"],
    "wordpress_com": ["https://public-api.wordpress.com"],
}
MASTODON_PAGE = "/accounts/mastodon/"


def sign_in_origins(request) -> list[str]:
    """Return the origins a sign-in form may lead to, besides Byline itself: those of the
    providers in the settings and of those an administrator added as SocialApps, kept until
    a SocialApp is saved or deleted (byline/blogs/chrome.py)."""
    from byline.blogs import chrome

    return chrome.for_site(("sign-in-origins",), lambda: _provider_origins(request))


def _provider_origins(request) -> list[str]:
    from allauth.socialaccount.adapter import get_adapter

    origins = []
    for provider in get_adapter().list_providers(request):
        origins += PROVIDER_ORIGINS.get(provider.id, [])
        if provider.id == "openid_connect":
            parts = urlsplit((provider.app.settings or {}).get("server_url", ""))
            if parts.scheme in ("http", "https") and parts.netloc:
                origins.append(f"{parts.scheme}://{parts.netloc}")
    return sorted(set(origins))


def policy(parts: PolicyParts, report_only: bool) -> str:
    """Return the policy text django-csp's build_policy makes of these parts.

    Nearly every answer asks for one of a few texts (the settings' policy, perhaps with the
    sign-in providers in form-action), and building one took a tenth of a millisecond; so
    a text without a nonce is made once and kept, by what it was made of, until the
    settings change. Anything unusual (a view's own config or replace) is built each time.
    """
    if parts.config is not None or parts.replace is not None or parts.nonce is not None:
        return build_policy(parts.config, parts.update, parts.replace, parts.nonce, report_only)
    key = [report_only]
    for name, values in (parts.update or {}).items():
        if type(values) not in (list, tuple) or not all(type(v) is str for v in values):
            # A set (sorted by build_policy), a single value: unusual, built each time.
            return build_policy(None, parts.update, None, None, report_only)
        key.append((name, *values))
    key = tuple(key)
    text = _policies.get(key)
    if text is None:
        if len(_policies) >= _POLICIES_KEPT:
            _policies.clear()
        text = _policies[key] = build_policy(None, parts.update, None, None, report_only)
    return text


_policies: dict[tuple, str] = {}
_POLICIES_KEPT = 64  # a handful in practice: one per set of sign-in providers


@receiver(setting_changed)
def _forget_policies(*, setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _policies.clear()


def draws_forms(response) -> bool:
    """Whether the answer is a page that may hold a sign-in form: HTML, and no redirect.

    Only such a page needs the providers in its form-action, and only it may look them up:
    /healthz and the feeds must answer without the database.
    """
    redirect = 300 <= response.status_code < 400
    return not redirect and response.get("Content-Type", "").startswith("text/html")


class SecurityHeadersMiddleware(CSPMiddleware):
    def process_request(self, request):
        # A NUL character is in no address Byline makes, and PostgreSQL refuses it in any
        # query (a 500 from every view that looks a path up): refuse it here, at once.
        # (A query string may hold one: the views that read it, search, clean it themselves.)
        if "\x00" in request.path:
            return HttpResponseBadRequest(
                "This address holds a NUL character (%00), which no page of this site has.",
                content_type="text/plain; charset=utf-8",
            )
        return super().process_request(request)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts  # the form-action additions are the enforced policy's alone
        extra = [*sign_in_origins(request)] if draws_forms(response) else []
        if request.path_info == MASTODON_PAGE:
            extra.append("https:")
        if extra:
            parts.update = {**(parts.update or {})}
            parts.update["form-action"] = [*parts.update.get("form-action", []), *extra]
        return parts

    def csp_process_response(self, request, response):
        """CSPMiddleware.process_response of django-csp 4.0 (pinned), with each policy text
        made once per process (see `policy`) rather than rebuilt for every answer."""
        debug_codes = (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND)
        if response.status_code in debug_codes and settings.DEBUG:
            return response
        for report_only, header, exempt, setting in (
            (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            text = policy(self.get_policy_parts(request, response, report_only), report_only)
            if not text or header in response or getattr(response, exempt, False) is not False:
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = text
        # Past this point a template asking for a nonce would get one no header names.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def process_response(self, request, response):
        response = self.csp_process_response(request, response)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if response.status_code == 429 and not response.has_header("Retry-After"):
            response["Retry-After"] = str(ratelimits.retry_after_for(request))
        if getattr(request, "_csp_nonce", None):
            # A nonce is one reader's: never let a shared cache keep it (see above).
            patch_cache_control(response, private=True)
        return response
