"""The end of an account, and the copy of its data a person may take with them."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.db import transaction
from django.utils import timezone

from byline import pagecache
from byline.blogs.models import Blog, Membership
from byline.comments.models import Comment
from byline.posts.models import Post
from byline.subscriptions.models import Subscription

DELETED_NAME = "Deleted user"


def why_not_deletable(user) -> str:
    """Return what keeps this account from being deleted now, or "" when nothing does."""
    owned = list(Blog.objects.filter(owner=user).values_list("title", flat=True))
    if owned:
        return (
            f"You own {', '.join(f'“{t}”' for t in owned)}. Hand each blog to another "
            "administrator or delete it first, then come back here."
        )
    if Post.objects.filter(author=user).exists():
        return (
            "Posts and pages you wrote are still on a blog. Ask the blog's administrator to "
            "give them to another author (or delete them), then come back here."
        )
    return ""


def delete_account(user, *, delete_comments: bool) -> None:
    """Delete the account; its comments stay as "Deleted user" unless asked to go too."""
    emails = {
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    if user.email:
        emails.add(user.email.lower())
    with transaction.atomic():
        # Their name, picture and likes leave those blogs' pages (bulk writes save nothing).
        pagecache.person_changed(user)
        comments = Comment.objects.filter(user=user)
        if delete_comments:
            for comment in comments.select_for_update():
                comment.delete()  # one by one, so each post's comment count stays exact
        else:
            comments.update(user=None, author_name=DELETED_NAME, author_email="", author_url="",
                            author_ip=None, user_agent="")  # fmt: skip
        Subscription.objects.filter(email__in=emails).delete()
        if user.avatar:
            user.avatar.delete(save=False)
        user.delete()


def export(user) -> dict:
    """Return everything Byline keeps about this person, as JSON-ready data."""

    def when(value):
        return value.isoformat() if value else None

    return {
        "exported_at": when(timezone.now()),
        "account": {
            "username": user.username, "display_name": user.display_name, "bio": user.bio,
            "email": user.email, "date_joined": when(user.date_joined),
            "last_login": when(user.last_login), "has_picture": bool(user.avatar),
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "connected_accounts": [
            {"provider": a.provider, "uid": a.uid, "date_joined": when(a.date_joined)}
            for a in SocialAccount.objects.filter(user=user)
        ],
        "blogs": [
            {"blog": m.blog.slug, "title": m.blog.title, "role": m.role}
            for m in Membership.objects.filter(user=user).select_related("blog")
        ],
        "comments": [
            {"post": c.post.get_absolute_url(), "status": c.status, "content": c.content,
             "created_at": when(c.created_at), "name": c.author_name, "website": c.author_url}
            for c in Comment.objects.filter(user=user).select_related("post__blog")
        ],
        "subscriptions": [
            {"kind": s.kind, "blog": s.blog.slug, "post": s.post.get_absolute_url() if s.post
             else None, "email": s.email, "confirmed_at": when(s.confirmed_at)}
            for s in Subscription.objects.filter(user=user).select_related("blog", "post__blog")
        ],
    }  # fmt: skip
