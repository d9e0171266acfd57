"""The signed tokens in confirmation and unsubscribe links.

Signed with the secret key rather than stored: a link names exactly the rows it acts
on, and any change to it breaks the signature. Confirmation links expire with the
subscriptions they confirm; unsubscribe links never do, since mail is read late.
"""

from __future__ import annotations

import datetime

from django.core import signing

from byline.subscriptions.models import CONFIRM_DAYS

_CONFIRM_SALT = "byline.subscriptions.confirm"
_UNSUBSCRIBE_SALT = "byline.subscriptions.unsubscribe"


class BadLink(Exception):
    """The link cannot be used; the message says why, to the person who followed it."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


DAMAGED = (
    "This link is damaged: part of it is missing or was changed. Open the email again and "
    "follow the link from there, or copy the whole address into your browser."
)


def confirmation_token(subscription_ids: list[int]) -> str:
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign_object(
        {"ids": sorted(subscription_ids)}
    )


def read_confirmation(token: str) -> list[int]:
    """Return the ids of the subscriptions a confirmation link confirms, or raise BadLink."""
    signer = signing.TimestampSigner(salt=_CONFIRM_SALT)
    try:
        payload = signer.unsign_object(token, max_age=datetime.timedelta(days=CONFIRM_DAYS))
    except signing.SignatureExpired:
        raise BadLink(
            f"This confirmation link has expired: links work for {CONFIRM_DAYS} days, and "
            "nothing was subscribed. Tick the box again the next time you comment to get a "
            "new link.",
            status=410,
        ) from None
    except (signing.BadSignature, ValueError):
        raise BadLink(DAMAGED) from None
    return [int(pk) for pk in payload["ids"]]


def unsubscribe_token(*, subscription=None, user=None, blog=None, kind: str = "") -> str:
    """Return the token that ends one subscription, or one kind of notice for one member."""
    if subscription is not None:
        payload = {"s": subscription.pk}
    else:
        payload = {"u": user.pk, "b": blog.pk, "k": kind}
    return signing.Signer(salt=_UNSUBSCRIBE_SALT).sign_object(payload)


def read_unsubscribe(token: str) -> dict:
    """Return what an unsubscribe link names ({"s": id} or {"u", "b", "k"}), or raise BadLink."""
    try:
        payload = signing.Signer(salt=_UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        raise BadLink(DAMAGED) from None
    if not isinstance(payload, dict) or not (
        {"s"} <= payload.keys() or {"u", "b", "k"} <= payload.keys()
    ):
        raise BadLink(DAMAGED)
    return payload
