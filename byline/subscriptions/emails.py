"""The emails Byline sends about comments and posts, and how they leave.

Messages are plain text. Each one that tells of something new carries a one-click
unsubscribe link in its text and in the `List-Unsubscribe` and `List-Unsubscribe-Post`
headers (RFC 8058), so mail programs can offer their own "Unsubscribe" button.
Only tasks call deliver(); a request never waits on a mail server.
"""

from __future__ import annotations

import html
import logging
import smtplib
from email.utils import parseaddr

import nh3
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from byline.comments import threads
from byline.comments.models import Comment
from byline.posts.models import Post
from byline.subscriptions import tokens
from byline.subscriptions.models import CONFIRM_DAYS, OptOut, Subscription

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    """Return the full address of a path on this platform (a task has no request to ask)."""
    return settings.BYLINE_SITE_URL.rstrip("/") + path


def one_line(text: str) -> str:
    # Titles are typed by people; a line break in a header would be refused (or worse).
    return " ".join(text.split())


def sender(blog) -> str:
    """Return the From address: the platform's address, under the blog's name."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    name = one_line(blog.title).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{name}" <{address}>'


def comment_text(comment: Comment) -> str:
    """Return the comment as plain text, its paragraphs kept and its few tags dropped."""
    return html.unescape(nh3.clean(comment.content, tags=set())).strip()


def comment_link(comment: Comment) -> str:
    url = comment.post.get_absolute_url()
    page = threads.page_of(comment)
    if page > 1:
        url += f"comment-page-{page}/"
    return absolute(f"{url}#comment-{comment.pk}")


def moderation_link(blog) -> str:
    # The dashboard's comment queue (the writing issue builds the page around it).
    return absolute(f"/dashboard/{blog.slug}/comments/?status=pending")


def unsubscribe_link(**target) -> str:
    token = tokens.unsubscribe_token(**target)
    return absolute(reverse("subscriptions:unsubscribe", kwargs={"token": token}))


def _message(blog, to: str, subject: str, template: str, context: dict,
             unsubscribe_url: str = "") -> EmailMessage:  # fmt: skip
    context = {**context, "blog": blog, "site_name": settings.SITE_NAME,
               "unsubscribe_url": unsubscribe_url}  # fmt: skip
    # RFC 3834: an automatic message, so vacation responders stay quiet.
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return EmailMessage(
        subject=one_line(f"[{blog.title}] {subject}"),
        body=render_to_string(f"emails/{template}.txt", context),
        from_email=sender(blog),
        to=[to],
        headers=headers,
    )


def confirmation(subscriptions: list[Subscription]) -> EmailMessage:
    """Ask a guest to confirm one or more subscriptions of one address with one link."""
    first = subscriptions[0]
    token = tokens.confirmation_token([s.pk for s in subscriptions])
    return _message(
        first.blog,
        first.email,
        "Please confirm your subscription",
        "confirm_subscription",
        {
            "subscriptions": subscriptions,
            "confirm_url": absolute(reverse("subscriptions:confirm", kwargs={"token": token})),
            "days": CONFIRM_DAYS,
        },
    )


def new_comment(comment: Comment, subscription: Subscription, link: str) -> EmailMessage:
    """Tell a follower of the post of a new comment (`link`: comment_link(), made once a batch)."""
    return _message(
        comment.post.blog,
        subscription.email,
        f"New comment on “{comment.post.title}”",
        "new_comment",
        {
            "comment": comment,
            "text": comment_text(comment),
            "link": link,
            "subscription": subscription,
        },
        unsubscribe_link(subscription=subscription),
    )


def comment_on_your_post(comment: Comment) -> EmailMessage:
    post, author = comment.post, comment.post.author
    return _message(
        post.blog,
        author.email,
        f"Comment: “{post.title}”",
        "comment_on_your_post",
        {
            "comment": comment,
            "text": comment_text(comment),
            "link": comment_link(comment),
            "recipient": author,
        },
        unsubscribe_link(user=author, blog=post.blog, kind=OptOut.Kind.COMMENTS_ON_OWN_POSTS),
    )


def held_comment(comment: Comment, member, waiting: int) -> EmailMessage:
    blog = comment.post.blog
    return _message(
        blog,
        member.email,
        f"Please moderate: “{comment.post.title}”",
        "comment_held",
        {
            "comment": comment,
            "text": comment_text(comment),
            "queue_url": moderation_link(blog),
            "waiting": waiting,
            "recipient": member,
            "post_url": absolute(comment.post.get_absolute_url()),
        },
        unsubscribe_link(user=member, blog=blog, kind=OptOut.Kind.HELD_COMMENTS),
    )


def new_post(post: Post, subscription: Subscription) -> EmailMessage:
    return _message(
        post.blog,
        subscription.email,
        one_line(post.title),
        "new_post",
        {"post": post, "link": absolute(post.get_absolute_url()), "subscription": subscription},
        unsubscribe_link(subscription=subscription),
    )


def deliver(messages: list[EmailMessage]) -> int:
    """Send the messages over one connection; return how many the mail server accepted.

    An address the server refuses is logged and skipped, so one bad address never costs
    the rest of a batch its mail. Any other failure (the server is down) stops the task,
    which the queue then shows as failed.
    """
    sent = 0
    with get_connection() as connection:
        for message in messages:
            try:
                sent += connection.send_messages([message])
            except smtplib.SMTPRecipientsRefused:
                logger.warning("The mail server refused %s; skipped.", ", ".join(message.to))
    return sent
