"""Rate limits that answer "429 Too Many Requests" with a Retry-After header.

Counted in Django's cache: with REDIS_URL set that is Redis, so every app server counts the
same attempts. The rates live in one place, settings.ACCOUNT_RATE_LIMITS, as
"amount/period/per" strings: allauth's own actions (login, login_failed per IP and per
account, signup, reset_password…), which allauth counts, and Byline's ("like", "follow"),
which `limited` applies to a signed-in reader's POSTs and counts in sliding windows
(security/windows.py), as comments and guests' email subscriptions are counted
(comments/spam.py, BYLINE_COMMENT_RATE).

Whoever made a 429, SecurityHeadersMiddleware gives it a Retry-After when it has none:
the longest period of the rates behind the address, so a client that waits that long
is let through.
"""

from __future__ import annotations

from functools import wraps

from allauth.core import ratelimit
from allauth.core.internal import ratelimit as allauth_counting
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import Resolver404, resolve

from byline.security import windows

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Which rates stand behind an address (by URL name), for its Retry-After.
ACTIONS_OF = {
    "account_login": ("login", "login_failed"),
    "login": ("login", "login_failed"),
    "account_signup": ("signup",),
    "account_reset_password": ("reset_password",),
    "account_reset_password_from_key": ("reset_password_from_key",),
    "account_email": ("manage_email",),
    "account_change_password": ("change_password",),
    "account_reauthenticate": ("reauthenticate",),
    "account_confirm_email": ("confirm_email",),
    "like_post": ("like",),
    "like_comment": ("like",),
    "follow": ("follow",),
}
DEFAULT_RETRY_AFTER = 60


def period_seconds(rate: str) -> int:
    """Return the period of one "amount/period[/per]" rate in seconds.

    >>> period_seconds("5/5m/key"), period_seconds("30/m/ip"), period_seconds("1/3h")
    (300, 60, 10800)
    """
    period = rate.split("/")[1].strip()
    unit = UNITS[period[-1]]
    return int(float(period[:-1] or 1) * unit)


def retry_after(*actions: str) -> int:
    """Return the longest period of the rates of these actions (or a minute when none)."""
    rates = settings.ACCOUNT_RATE_LIMITS
    periods = [period_seconds(r) for a in actions for r in (rates.get(a) or "").split(",") if r]
    return max(periods, default=DEFAULT_RETRY_AFTER)


def retry_after_for(request) -> int:
    """Return the Retry-After of a 429 answer to this request."""
    try:
        name = resolve(request.path_info).url_name
    except Resolver404:
        return DEFAULT_RETRY_AFTER
    if name in ("post", "post_comments", "page"):  # a comment refused by comments/spam.py
        return settings.BYLINE_COMMENT_RATE[1]
    return retry_after(*ACTIONS_OF.get(name, ()))


def limited(action: str):
    """Refuse a signed-in reader's POSTs beyond settings.ACCOUNT_RATE_LIMITS[action]."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if request.method == "POST" and user.is_authenticated:
                if not consume(request, action, user):
                    response = ratelimit.respond_429(request)
                    response["Retry-After"] = str(retry_after(action))
                    return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def consume(request, action: str, user) -> bool:
    """Count one attempt of the signed-in reader's; False past any of the action's rates.

    Counted as comments are (security/windows.py: one round trip to Redis), not by
    allauth's consume(), which takes a lock and rewrites a list of times in four: a Like is
    the commonest write there is. The rates are allauth's ("60/m/user", per user or ip), and
    each rate's text is in its key, as in allauth's, so a changed rate starts a new count.
    """
    config = account_rate_limits()
    for rate in allauth_counting.get_rates(app="allauth.account", action=action, config=config):
        if rate.per == "user":
            source = f"user:{user.pk}"
        elif rate.per == "ip":
            source = f"ip:{allauth_counting.get_ip(request)}"
        else:  # "key": allauth's actions name their key; Byline's have none
            raise ImproperlyConfigured(f"ACCOUNT_RATE_LIMITS[{action!r}]: {rate} is per key.")
        if windows.over_limit([f"rate:{action}:{rate}:{source}"], rate.amount, int(rate.duration)):
            return False
    return True


def account_rate_limits() -> dict:
    """allauth.account.app_settings.RATE_LIMITS (allauth's defaults with
    ACCOUNT_RATE_LIMITS over them), made once and again when an ACCOUNT_ setting changes."""
    global _account_rate_limits
    if _account_rate_limits is None:
        from allauth.account import app_settings

        _account_rate_limits = app_settings.RATE_LIMITS
    return _account_rate_limits


_account_rate_limits: dict | None = None


@receiver(setting_changed)
def _forget_rates(*, setting, **kwargs) -> None:
    global _account_rate_limits
    if setting.startswith("ACCOUNT_"):
        _account_rate_limits = None
