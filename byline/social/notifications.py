"""Make the notifications of what just happened, and queue their emails.

Callers: following.follow (a follower), byline.subscriptions.notify, which calls
comment_published() when a comment becomes public (posted straight to the page, or
approved by a moderator), and Like.add, which asks here whom to tell and writes the
notification itself, in the like's own statement on PostgreSQL. Each writes a row or two
and queues one task (or none, when one already waits for that person); the email goes out
from `byline worker` a few minutes later, so a burst of likes becomes one email.
"""

from __future__ import annotations

import datetime

from django.db import connections, router
from django.utils import timezone

from byline.comments.models import Comment
from byline.platform import bursts
from byline.social.models import NOTIFICATION_SQL, Follow, Like, Notification

Kind = Notification.Kind
# How long a notification waits before it is emailed, so that what happens in the
# meantime goes in the same email.
EMAIL_AFTER = datetime.timedelta(minutes=5)
# A new notification goes in the email of a task already queued only if that task runs at
# least this much later: its transaction has long committed by then, so the task sees it.
RIDE_ALONG_MARGIN = datetime.timedelta(minutes=1)


def comment_published(comment: Comment, *, new: bool = False) -> None:
    """Tell the post's author of a new comment, and a comment's writer of a reply to it.

    `new`: the comment was stored just now, in this transaction, so nobody has been told of
    it yet and no lookup is needed (a comment approved later may have been told of before).
    """
    if comment.kind != Comment.Kind.COMMENT or comment.status != Comment.Status.APPROVED:
        return
    post = comment.post
    told: dict[int, str] = {}
    parent = comment.parent
    if parent is not None and parent.user_id and parent.user_id != comment.user_id:
        told[parent.user_id] = Kind.REPLY
    if post.author_id != comment.user_id:
        told.setdefault(post.author_id, Kind.COMMENT)
    for recipient_id, kind in told.items():
        fields = {"kind": kind, "actor_id": comment.user_id, "blog_id": post.blog_id, "post": post}
        if new:
            # Written out, as a like's is (Like.add): Model.save took about 0.15 ms of CPU
            # to build this INSERT on every guest's comment (issue #8).
            connection = connections[router.db_for_write(Notification)]
            with connection.cursor() as cursor:
                cursor.execute(NOTIFICATION_SQL, [
                    recipient_id, kind.value, comment.user_id, post.blog_id, post.pk, comment.pk,
                    connection.ops.adapt_datetimefield_value(timezone.now()), None,
                ])  # fmt: skip
            created = True
        else:
            _notification, created = Notification.objects.get_or_create(
                recipient_id=recipient_id, comment=comment, kind__in=[Kind.COMMENT, Kind.REPLY],
                defaults=fields,
            )  # fmt: skip
        if created and kind != Kind.COMMENT:  # comments on one's posts: subscriptions emails
            queue_email(recipient_id)


def recipient_of(like: Like) -> int | None:
    """Return who is told of this like: the writer of the liked post or comment, unless
    they liked their own, or it is a guest's comment (nobody to tell)."""
    recipient_id = like.post.author_id if like.post_id else like.comment.user_id
    return None if recipient_id == like.user_id else recipient_id


def like_values(like: Like, recipient_id: int, connection) -> list:
    """Return the values of the like's notification (social.models.NOTIFICATION_SQL), all
    but the like's id (last), which Like.add has only once the like is stored."""
    comment = like.comment if like.comment_id else None
    post = like.post if like.post_id else comment.post
    return [recipient_id, Kind.LIKE.value, like.user_id, post.blog_id, post.pk,
            comment.pk if comment is not None else None,
            connection.ops.adapt_datetimefield_value(timezone.now())]  # fmt: skip


def followed(follow: Follow) -> None:
    """Tell the blog's owner of a new follower."""
    blog = follow.blog
    if blog.owner_id == follow.user_id:
        return
    Notification.objects.create(recipient_id=blog.owner_id, kind=Kind.FOLLOW,
                                actor_id=follow.user_id, blog=blog, follow=follow)  # fmt: skip
    queue_email(blog.owner_id)


def email_due_key(recipient_id: int) -> str:
    """The cache key that remembers when this person's queued email task runs."""
    return f"notification-email-due:{recipient_id}"


def email_waits(recipient_id: int) -> bool:
    """Return whether an email task already waits for this person, late enough to take a
    notification made now (so queue_email would queue nothing)."""
    return bursts.waits(email_due_key(recipient_id), RIDE_ALONG_MARGIN)


def queue_email(recipient_id: int) -> None:
    """Queue the email of a person's waiting notifications, unless a task already waits.

    The task takes every notification of the person that waits when it runs: a burst of
    likes is one email, not one per like (platform/bursts.py); the task forgets the time it
    was queued for when it runs (a worker whose clock runs ahead).
    """
    from byline.social import tasks

    bursts.enqueue_once(tasks.email_notifications, recipient_id, key=email_due_key(recipient_id),
                        after=EMAIL_AFTER, margin=RIDE_ALONG_MARGIN)  # fmt: skip
