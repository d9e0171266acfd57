"""The notification emails, sent by `byline worker`.

A task is queued EMAIL_AFTER after a notification, unless one already waits for that
person (notifications.queue_email); the first to run takes every notification of that
person that waits, the rest find nothing, so a burst of likes is one email. Taking them is
a transaction that marks them emailed, so two workers never send the same one.
"""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from byline.accounts.models import User
from byline.social import emails
from byline.social.models import EmailChoices, Notification
from byline.social.notifications import email_due_key
from byline.subscriptions.models import Subscription

# What waited longer than this (the worker was down, or the kind was turned off and on
# again) is old news: it stays on the notifications page but is not emailed.
TOO_OLD = datetime.timedelta(days=2)


@task()
def email_notifications(recipient_id: int) -> int:
    """Email a person the notifications that wait for them, in one message; return how many."""
    # From now on a new notification queues a task of its own (notifications.queue_email).
    cache.delete(email_due_key(recipient_id))
    person = User.objects.filter(pk=recipient_id, is_active=True).first()
    if person is None or not person.email:
        return 0
    choices = EmailChoices.of(person)
    now = timezone.now()
    with transaction.atomic():
        waiting = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(recipient=person, emailed_at=None, created_at__lte=now)
            .order_by("created_at", "id")
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=waiting, emailed_at=None).update(emailed_at=now)
    news = [
        n
        for n in Notification.objects.filter(pk__in=waiting).current().for_listing()
        if n.read_at is None
        and n.created_at >= now - TOO_OLD
        and worth_an_email(n, person, choices)
    ]
    if not news:
        return 0
    emails.deliver([emails.notifications(person, news)])
    return len(news)


def worth_an_email(notification: Notification, person, choices: EmailChoices) -> bool:
    """Return whether this notification is emailed by this task (and not already elsewhere)."""
    kind = notification.kind
    if kind == Notification.Kind.COMMENT or not choices.wants(kind):
        return False  # comments on one's posts are emailed by byline.subscriptions
    if kind == Notification.Kind.REPLY:
        post = notification.post
        if post.author_id == person.pk:
            return False  # told as the post's author, by byline.subscriptions
        follows_the_comments = (
            Subscription.objects.confirmed().to_comments(post)
            .filter(email__iexact=person.email).exists()
        )  # fmt: skip
        return not follows_the_comments  # that subscription emails every comment already
    return True
