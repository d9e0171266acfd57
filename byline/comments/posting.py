"""Accept a comment from the "Leave a Reply" form, or say exactly why not."""

from __future__ import annotations

from django.db import transaction

from byline.comments import moderation, spam
from byline.comments.forms import CommentForm
from byline.comments.models import Comment, DiscussionSettings
from byline.subscriptions import notify


class Refused(Exception):
    """The comment cannot be taken; the message is for the commenter, the status for HTTP."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def submit(form: CommentForm, request) -> Comment:
    """Store the comment of a valid form under the blog's rules; raise Refused if it can't be."""
    post, user = form.post, request.user
    rules = DiscussionSettings.for_blog(post.blog)
    if rules.closed_for(post):
        raise Refused("Comments are closed on this post, so yours was not sent.", 403)
    data = form.cleaned_data
    parent = data.get("parent")
    while parent is not None and parent.depth >= rules.thread_depth:
        parent = parent.parent  # deeper replies join the deepest allowed level
    comment = Comment(
        post=post,
        parent=parent,
        content=data["comment"],
        author_ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:500],
    )
    if user.is_authenticated:
        comment.user = user
        comment.author_name = user.public_name
        comment.author_email = user.email
    else:
        comment.author_name = data["author"]
        comment.author_email = data["email"]
        comment.author_url = data.get("url", "")

    if Comment.objects.has_duplicate(comment):
        raise Refused("Duplicate comment detected; it looks as though you’ve already said that!")
    if spam.over_rate_limit(f"ip:{comment.author_ip}", f"email:{comment.author_email}"):
        raise Refused(
            "You are posting comments too quickly. Please wait a minute, then send it again.",
            429,
        )

    bot = spam.looks_automated(data.get("homepage", ""), data.get("started", ""),
                               signed_in=user.is_authenticated)  # fmt: skip
    if bot:
        comment.status = Comment.Status.SPAM
    else:
        comment.status, _reason = moderation.decide(rules, comment, user)
    # Every write in one short transaction, after all the reads: on SQLite each transaction
    # waits its turn for the database's one write lock, so concurrent commenters queue once
    # each, briefly. The comment and the news of it are stored together or not at all; the
    # mail itself goes out from `byline worker`.
    notify.mark_mail_due(comment)
    with transaction.atomic():
        comment.save()
        notify.subscribe_commenter(comment, user, to_comments=data.get("subscribe_comments", False),
                                   to_posts=data.get("subscribe_blog", False))  # fmt: skip
        notify.notify_new_comment(comment)
    return comment
