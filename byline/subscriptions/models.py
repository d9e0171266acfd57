"""Email follow-ups: who asked to hear of a post's new comments or a blog's new posts.

Dependency direction: this app imports blogs, posts and comments; they reach it only
through byline.subscriptions.notify, imported inside the function that calls it, so
loading their models never loads these.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone

from byline.blogs.models import Blog
from byline.comments.models import Comment
from byline.posts.models import Post

# A guest's subscription waits this long for its confirmation, then it is forgotten.
CONFIRM_DAYS = 7
# A guest who ticks the box again gets another confirmation email after this long, not
# sooner: the comment form must not become a way to flood someone else's inbox.
RESEND_AFTER = datetime.timedelta(hours=1)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> SubscriptionQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def expired(self) -> SubscriptionQuerySet:
        """Return the guests' subscriptions that were never confirmed in time."""
        cutoff = timezone.now() - datetime.timedelta(days=CONFIRM_DAYS)
        return self.filter(confirmed_at__isnull=True, requested_at__lt=cutoff)

    def to_comments(self, post: Post) -> SubscriptionQuerySet:
        return self.filter(kind=Subscription.Kind.COMMENTS, post=post)

    def to_posts(self, blog: Blog) -> SubscriptionQuerySet:
        return self.filter(kind=Subscription.Kind.POSTS, blog=blog)


class Subscription(models.Model):
    """One email address following a post's comments, or a blog's posts.

    A guest's subscription sends nothing until the guest follows the link in the
    confirmation email (double opt-in); a signed-in reader's is confirmed at once.
    Unsubscribing deletes the row, so an old unsubscribe link never touches a newer
    subscription of the same address.
    """

    class Kind(models.TextChoices):
        COMMENTS = "comments", "New comments on a post"
        POSTS = "posts", "New posts on a blog"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="subscriptions")
    post = models.ForeignKey(
        Post,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        help_text="For new comments: the post whose comments are followed.",
    )
    email = models.EmailField(max_length=254, help_text="Stored in lowercase.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    created_at = models.DateTimeField(default=timezone.now)
    # When the last confirmation email was asked for; an unconfirmed subscription expires
    # CONFIRM_DAYS after it.
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "email"],
                condition=Q(kind="comments"),
                name="one_comment_subscription_per_post_and_email",
            ),
            models.UniqueConstraint(
                fields=["blog", "email"],
                condition=Q(kind="posts"),
                name="one_post_subscription_per_blog_and_email",
            ),
            models.CheckConstraint(
                condition=Q(kind="posts") | Q(post__isnull=False),
                name="comment_subscription_names_its_post",
            ),
        ]
        indexes = [models.Index(fields=["kind", "blog", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{self.email}: {self.describe()}"

    def describe(self) -> str:
        """Return what this subscription sends, as the subscriber reads it."""
        if self.kind == self.Kind.COMMENTS:
            return f"new comments on “{self.post.title}”"
        return f"new posts on {self.blog.title}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def may_resend_confirmation(self) -> bool:
        return not self.is_confirmed and self.requested_at <= timezone.now() - RESEND_AFTER

    def confirm(self) -> None:
        if self.confirmed_at is None:
            self.confirmed_at = timezone.now()
            self.save(update_fields=["confirmed_at"])


class OptOut(models.Model):
    """A blog member who asked, through the link in such an email, to get no more of them.

    Post authors and administrators are not subscribers: they get comment notices by
    their role. Every such notice still carries a one-click unsubscribe link, which
    records one of these.
    """

    class Kind(models.TextChoices):
        COMMENTS_ON_OWN_POSTS = "own_posts", "New comments on my posts"
        HELD_COMMENTS = "held", "Comments awaiting moderation"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="email_opt_outs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "opt-out"
        constraints = [
            models.UniqueConstraint(fields=["user", "blog", "kind"], name="one_opt_out_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user} wants no emails about {self.get_kind_display().lower()} on {self.blog}"

    def describe(self) -> str:
        if self.kind == self.Kind.COMMENTS_ON_OWN_POSTS:
            return f"new comments on your posts on {self.blog.title}"
        return f"comments awaiting moderation on {self.blog.title}"

    @classmethod
    def applies(cls, user, blog: Blog, kind: str) -> bool:
        return cls.objects.filter(user=user, blog=blog, kind=kind).exists()


@dataclass
class Unsubscribe:
    """What one unsubscribe link ends: a subscription, or one kind of notice to a member."""

    what: str  # as the reader reads it; empty when the link names nothing that exists
    email: str = ""
    active: bool = False
    subscription: Subscription | None = None
    opt_out: OptOut | None = None

    @classmethod
    def named_by(cls, target: dict) -> Unsubscribe:
        """Return what a (verified) unsubscribe token names, as tokens.read_unsubscribe gives it."""
        if "s" in target:
            subscription = (
                Subscription.objects.select_related("blog", "post").filter(pk=target["s"]).first()
            )
            if subscription is None:
                return cls(what="")
            return cls(subscription.describe(), subscription.email, True, subscription=subscription)
        blog = Blog.objects.filter(pk=target["b"]).first()
        member = get_user_model().objects.filter(pk=target["u"]).exists()
        if blog is None or not member or target["k"] not in OptOut.Kind.values:
            return cls(what="")  # the blog or the account is gone, and the emails with it
        opt_out = OptOut(user_id=target["u"], blog=blog, kind=target["k"])
        active = not OptOut.objects.filter(
            user_id=target["u"], blog=blog, kind=target["k"]
        ).exists()
        return cls(opt_out.describe(), active=active, opt_out=opt_out)

    def stop(self) -> None:
        if self.subscription is not None:
            self.subscription.delete()
        elif self.opt_out is not None:
            o = self.opt_out
            OptOut.objects.get_or_create(user_id=o.user_id, blog=o.blog, kind=o.kind)
        self.active = False


class Announcement(models.Model):
    """That a post was, or is queued to be, emailed to its blog's subscribers.

    One row per post, so a post is announced at most once however often it is saved,
    unpublished or republished; sent_at is claimed with a conditional UPDATE, so two
    workers never both send it.
    """

    post = models.OneToOneField(
        Post, on_delete=models.CASCADE, primary_key=True, related_name="announcement"
    )
    # The publication time the queued task waits for; null when no task is waiting.
    due_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        state = f"sent {self.sent_at:%Y-%m-%d %H:%M}" if self.sent_at else "queued"
        return f"Announcement of {self.post} ({state})"


class CommentNotice(models.Model):
    """That a comment's subscribers were told of it, so they hear of it at most once."""

    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Notice of {self.comment}"
