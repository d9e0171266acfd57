"""Make the notifications of what just happened, and queue their emails.

Callers: Like.add (a like), following.follow (a follower), and
byline.subscriptions.notify, which calls comment_published() when a comment becomes
public (posted straight to the page, or approved by a moderator). Each function writes a
row or two and queues one task (or none, when one already waits for that person); the
email goes out from `byline worker` a few minutes later, so a burst of likes becomes one email.
"""

from __future__ import annotations

import datetime

from django.db import connections, router
from django.utils import timezone

from byline.comments.models import Comment
from byline.platform import bursts
from byline.social.models import Follow, Like, Notification

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
            Notification.objects.create(recipient_id=recipient_id, comment=comment, **fields)
            created = True
        else:
            _notification, created = Notification.objects.get_or_create(
                recipient_id=recipient_id, comment=comment, kind__in=[Kind.COMMENT, Kind.REPLY],
                defaults=fields,
            )  # fmt: skip
        if created and kind != Kind.COMMENT:  # comments on one's posts: subscriptions emails
            _queue_email(recipient_id)


def liked(like: Like) -> None:
    """Tell the writer of the liked post or comment (unless they liked their own)."""
    if like.post_id:
        post, comment, recipient_id = like.post, None, like.post.author_id
    else:
        comment = like.comment
        post, recipient_id = comment.post, comment.user_id
    if recipient_id is None or recipient_id == like.user_id:
        return  # a guest's comment has nobody to tell
    # Written out, as the like itself is (Like.add): Model.save took about 0.3 ms of CPU to
    # build this INSERT on every like. Its values are all parameters.
    connection = connections[router.db_for_write(Notification)]
    with connection.cursor() as cursor:
        cursor.execute(LIKED_SQL, [
            recipient_id, Kind.LIKE.value, like.user_id, post.blog_id, post.pk,
            comment.pk if comment is not None else None, like.pk,
            connection.ops.adapt_datetimefield_value(timezone.now()),
        ])  # fmt: skip
    _queue_email(recipient_id)


LIKED_SQL = (
    'INSERT INTO "social_notification" ("recipient_id", "kind", "actor_id", "blog_id", '
    '"post_id", "comment_id", "like_id", "created_at") VALUES (%s, %s, %s, %s, %s, %s, %s, %s)'
)


def followed(follow: Follow) -> None:
    """Tell the blog's owner of a new follower."""
    blog = follow.blog
    if blog.owner_id == follow.user_id:
        return
    Notification.objects.create(recipient_id=blog.owner_id, kind=Kind.FOLLOW,
                                actor_id=follow.user_id, blog=blog, follow=follow)  # fmt: skip
    _queue_email(blog.owner_id)


def email_due_key(recipient_id: int) -> str:
    """The cache key that remembers when this person's queued email task runs."""
    return f"notification-email-due:{recipient_id}"


def _queue_email(recipient_id: int) -> None:
    """Queue the email of a person's waiting notifications, unless a task already waits.

    The task takes every notification of the person that waits when it runs: a burst of
    likes is one email, not one per like (platform/bursts.py); the task forgets the time it
    was queued for when it runs (a worker whose clock runs ahead).
    """
    from byline.social import tasks

    bursts.enqueue_once(tasks.email_notifications, recipient_id, key=email_due_key(recipient_id),
                        after=EMAIL_AFTER, margin=RIDE_ALONG_MARGIN)  # fmt: skip
