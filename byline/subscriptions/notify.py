"""What the rest of Byline calls when something happens that readers may be emailed about.

Each function only records and enqueues (a row or two in the database); the mail itself
goes out from `byline worker`, so no request ever waits on a mail server.
Callers: comments.posting.submit (a new comment, and the boxes its writer ticked),
Comment.set_status (a held comment approved), Post.save (a post published or scheduled).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from byline.comments.models import Comment
from byline.platform import bursts
from byline.posts.models import Post
from byline.subscriptions import tasks
from byline.subscriptions.models import Announcement, Subscription

# A post that becomes public with a date older than this was backdated or imported
# (a WordPress import publishes years of posts at once): it is not news, so it is not
# emailed to anyone.
NEWS_WINDOW = datetime.timedelta(days=1)
# How long the emails of a new comment wait for a task, so that the comments that follow
# go in the same task; a comment joins a queued task only if it runs at least this margin
# later, when the comment's transaction (a few milliseconds) has long committed.
COMMENT_MAIL_AFTER = datetime.timedelta(seconds=20)
RIDE_ALONG_MARGIN = datetime.timedelta(seconds=10)


def email_is_verified(user, email: str) -> bool:
    """Return whether this signed-in user has shown that this address is theirs.

    That is, allauth holds it as one of their verified addresses: a Byline account's
    address is verified at sign-up; one from an outside provider only if it says so.
    """
    from allauth.account.models import EmailAddress

    if not (user.is_authenticated and email):
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def subscribe_commenter(comment: Comment, user, *, to_comments: bool, to_posts: bool) -> None:
    """Record the follow-ups a commenter ticked; a guest must confirm them by email first."""
    email = (comment.author_email or "").lower()
    if not email or not (to_comments or to_posts) or comment.status == Comment.Status.SPAM:
        return
    post = comment.post
    verified = email_is_verified(user, email)
    wanted = []
    if to_comments:
        wanted.append({"kind": Subscription.Kind.COMMENTS, "blog": post.blog, "post": post})
    if to_posts:
        wanted.append({"kind": Subscription.Kind.POSTS, "blog": post.blog, "post": None})
    now = timezone.now()
    to_confirm = []
    for fields in wanted:
        subscription, created = Subscription.objects.get_or_create(
            email=email,
            **fields,
            defaults={
                "user": user if user.is_authenticated else None,
                "confirmed_at": now if verified else None,
            },
        )
        if verified:
            subscription.confirm()
        elif created or subscription.may_resend_confirmation():
            to_confirm.append(subscription.pk)
    if to_confirm:
        Subscription.objects.filter(pk__in=to_confirm).update(requested_at=now)
        tasks.send_confirmation.enqueue(to_confirm)


def mark_mail_due(comment: Comment) -> None:
    """Before a new comment is stored: mark that its emails wait, if it gets any."""
    if comment.status in (Comment.Status.APPROVED, Comment.Status.PENDING):
        comment.mail_due = comment.status


def notify_new_comment(comment: Comment) -> None:
    """Queue the emails of a comment just stored (see mark_mail_due), held or published."""
    if comment.mail_due:
        _queue_comment_mail(comment.post.blog_id)
    _tell_in_notifications(comment, new=True)


def comment_mail_due_key(blog_id: int) -> str:
    """The cache key that remembers when the blog's queued comment-mail task runs."""
    return f"comment-mail-due:{blog_id}"


def _queue_comment_mail(blog_id: int) -> None:
    """Queue the task that emails of the blog's new comments, unless one already waits.

    The task takes every comment of the blog whose emails wait when it runs: a burst of
    comments is one task, not one per comment (platform/bursts.py).
    """
    from byline.comments.tasks import tell_of_new_comments

    bursts.enqueue_once(tell_of_new_comments, blog_id, key=comment_mail_due_key(blog_id),
                        after=COMMENT_MAIL_AFTER, margin=RIDE_ALONG_MARGIN)  # fmt: skip


def _tell_in_notifications(comment: Comment, *, new: bool = False) -> None:
    """Put a public comment in the notifications of the post's author and the replied-to."""
    from byline.social.notifications import comment_published

    comment_published(comment, new=new)


def notify_comment_approved(comment: Comment) -> None:
    """Queue the emails to a post's subscribers about a comment a moderator approved."""
    tasks.tell_comment_subscribers.enqueue(comment.pk)
    _tell_in_notifications(comment)


def notify_new_post(post: Post) -> None:
    """Queue the announcement of a post to its blog's subscribers, for when it goes public."""
    announce = tasks.announce_post
    if post.published_at and post.published_at > timezone.now():
        announce = announce.using(run_after=post.published_at)
    announce.enqueue(post.pk)


def post_saved(post: Post) -> None:
    """Queue the announcement of a post that is, or is scheduled to become, public; once.

    Called on every save: it costs one query for a post that was announced already, and
    none for a draft, a page or an old post.
    """
    if post.kind != Post.Kind.POST or post.published_at is None:
        return
    if post.status not in (Post.Status.PUBLISHED, Post.Status.SCHEDULED):
        return
    if post.published_at < timezone.now() - NEWS_WINDOW:
        return
    announcement, created = Announcement.objects.get_or_create(
        post=post, defaults={"due_at": post.published_at}
    )
    if announcement.sent_at or (not created and announcement.due_at == post.published_at):
        return  # announced, or a task already waits for this very time
    if post.is_public and not Subscription.objects.confirmed().to_posts(post.blog).exists():
        # Nobody to tell: the post counts as announced, so a reader who subscribes later
        # is not sent yesterday's news the next time the post is edited.
        Announcement.objects.filter(pk=post.pk).update(due_at=post.published_at,
                                                       sent_at=timezone.now())  # fmt: skip
        return
    if not created:
        Announcement.objects.filter(pk=post.pk).update(due_at=post.published_at)
    notify_new_post(post)
