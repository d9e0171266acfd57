"""Following a blog: a signed-in reader's Follow, and a guest's email subscription.

Both end in byline.subscriptions' new-post mailing: a follower with a verified email
address gets a confirmed subscription to the blog's posts (signed in, they have proved
the address), a guest an unconfirmed one and a confirmation email (double opt-in). So
new posts reach followers and guests alike through one queue, in batches.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from byline.blogs.models import Blog
from byline.social import notifications
from byline.social.models import Follow
from byline.subscriptions import tasks as subscription_tasks
from byline.subscriptions.models import Subscription
from byline.subscriptions.notify import email_is_verified


def follow(user, blog: Blog) -> bool:
    """Follow the blog (once, however often asked); return whether it is a new follow."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                made = Follow.objects.create(user=user, blog=blog)
        except IntegrityError:
            return False
        notifications.followed(made)
        if email_is_verified(user, user.email):
            subscription, _ = Subscription.objects.get_or_create(
                kind=Subscription.Kind.POSTS, blog=blog, email=user.email.lower(),
                defaults={"user": user, "confirmed_at": timezone.now()},
            )  # fmt: skip
            subscription.confirm()
    return True


def unfollow(user, blog: Blog) -> bool:
    """Stop following the blog, and its new posts by email; return whether there was a follow."""
    deleted, _ = Follow.objects.filter(user=user, blog=blog).delete()
    Subscription.objects.to_posts(blog).filter(user=user).delete()
    if user.email:
        Subscription.objects.to_posts(blog).filter(email__iexact=user.email).delete()
    return bool(deleted)


def subscribe_guest(blog: Blog, email: str) -> None:
    """Ask a guest to confirm that this address wants the blog's new posts (double opt-in).

    Says nothing about whether the address was subscribed already: the page answers the
    same either way, so nobody learns who follows what.
    """
    email = email.strip().lower()
    subscription, created = Subscription.objects.get_or_create(
        kind=Subscription.Kind.POSTS, blog=blog, email=email, post=None
    )
    if subscription.is_confirmed:
        return
    if created or subscription.may_resend_confirmation():
        Subscription.objects.filter(pk=subscription.pk).update(requested_at=timezone.now())
        subscription_tasks.send_confirmation.enqueue([subscription.pk])
