"""Forget visitors' IP addresses once they are BYLINE_IP_RETENTION_DAYS old.

An address is kept to judge spam and floods while a comment is fresh (comments/spam.py,
moderation) and to show a blog's moderators where a comment came from; after that it
only tells where a person was. `byline worker` runs this on its clock
(platform/periodic.py), so every worker may run it: the UPDATEs are idempotent.

Stored addresses: a comment's author_ip (and its user agent, which with the address
fingerprints a visitor), and allauth's record of each signed-in session (UserSession.ip,
shown to its owner on "Sessions"; the field may not be empty, so it becomes 0.0.0.0).
"""

from __future__ import annotations

from datetime import timedelta

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from byline.comments.models import Comment

ERASED_SESSION_IP = "0.0.0.0"  # noqa: S104 - a placeholder stored in place of an address


def cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.BYLINE_IP_RETENTION_DAYS)


def erase_old_ips(now=None) -> list[str]:
    """Erase the addresses older than the retention period; return what was done."""
    before = cutoff(now)
    comments = (
        Comment.objects.filter(created_at__lt=before)
        .filter(Q(author_ip__isnull=False) | ~Q(user_agent=""))
        .update(author_ip=None, user_agent="")
    )
    sessions = (
        UserSession.objects.filter(created_at__lt=before)
        .exclude(ip=ERASED_SESSION_IP)
        .update(ip=ERASED_SESSION_IP)
    )
    days = settings.BYLINE_IP_RETENTION_DAYS
    done = []
    if comments:
        done.append(f"erased the IP addresses of {comments} comments older than {days} days")
    if sessions:
        done.append(f"erased the IP addresses of {sessions} sign-ins older than {days} days")
    return done
