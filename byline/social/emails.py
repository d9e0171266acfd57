"""The notification email: what happened since the last one, with a one-click way to stop it.

Plain text, like Byline's other mail (byline/subscriptions/emails.py, whose delivery it
shares). The `List-Unsubscribe` link turns off exactly the kinds this email told of
(RFC 8058), for the person it was sent to, without signing in.
"""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from byline.social.models import Notification
from byline.subscriptions.emails import absolute, deliver, one_line

__all__ = ["deliver", "notifications", "stop_token", "read_stop_token"]

_STOP_SALT = "byline.social.stop-emails"


def stop_token(user, kinds: list[str]) -> str:
    return signing.dumps({"u": user.pk, "k": sorted(set(kinds))}, salt=_STOP_SALT)


def read_stop_token(token: str) -> tuple[int, list[str]] | None:
    """Return (user id, kinds) of a stop link, or None when the link is damaged."""
    try:
        data = signing.loads(token, salt=_STOP_SALT)
        kinds = [k for k in data["k"] if k in Notification.Kind.values]
        return int(data["u"]), kinds
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def subject(news: list[Notification]) -> str:
    if len(news) == 1:
        return one_line(sentence(news[0]))
    return f"{len(news)} new notifications"


def sentence(n: Notification) -> str:
    """Return the notification as one sentence, as the list page and the email say it."""
    who, Kind = n.actor_name, Notification.Kind
    if n.kind == Kind.FOLLOW:
        return f"{who} started following {n.blog.title}"
    if n.kind == Kind.REPLY:
        return f"{who} replied to your comment on “{n.post.title}”"
    if n.kind == Kind.COMMENT:
        return f"{who} commented on “{n.post.title}”"
    if n.comment_id:
        return f"{who} liked your comment on “{n.post.title}”"
    return f"{who} liked “{n.post.title}”"


def notifications(person, news: list[Notification]) -> EmailMessage:
    kinds = sorted({n.kind for n in news})
    stop_url = absolute(reverse("social:stop_emails", kwargs={"token": stop_token(person, kinds)}))
    context = {
        "person": person,
        "items": [(sentence(n), absolute(n.get_absolute_url())) for n in news],
        "all_url": absolute(reverse("social:notifications")),
        "settings_url": absolute(reverse("social:email_choices")),
        "stop_url": stop_url,
        "kinds": [Notification.Kind(k).label.lower() for k in kinds],
        "site_name": settings.SITE_NAME,
    }
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    site = one_line(settings.SITE_NAME).replace("\\", "\\\\").replace('"', '\\"')
    return EmailMessage(
        subject=f"[{one_line(settings.SITE_NAME)}] {subject(news)}",
        body=render_to_string("social/emails/notifications.txt", context),
        from_email=f'"{site}" <{address}>',
        to=[person.email],
        headers={
            "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
