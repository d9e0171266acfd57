"""Which notifications a person gets by email, as one form of four kinds.

Three kinds are emailed by this app and kept in EmailChoices. The fourth, new comments
on one's posts, is emailed by byline.subscriptions with a per-blog opt-out (OptOut), so
turning it off here records that opt-out for every blog the person writes on, and
turning it on removes them: one switch, and no comment is emailed twice.
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.db.models import Q

from byline.blogs.models import Blog
from byline.social.models import EmailChoices, Notification
from byline.subscriptions.models import OptOut

OWN_POSTS = OptOut.Kind.COMMENTS_ON_OWN_POSTS
Kind = Notification.Kind


def _blogs_of(user):
    return Blog.objects.filter(Q(owner=user) | Q(memberships__user=user)).distinct()


class EmailChoicesForm(forms.Form):
    comment = forms.BooleanField(label=Kind.COMMENT.label, required=False)
    reply = forms.BooleanField(label=Kind.REPLY.label, required=False)
    like = forms.BooleanField(label=Kind.LIKE.label, required=False)
    follow = forms.BooleanField(label=Kind.FOLLOW.label, required=False)

    @classmethod
    def initial_for(cls, user) -> dict[str, bool]:
        choices = EmailChoices.of(user)
        opted_out = OptOut.objects.filter(user=user, kind=OWN_POSTS, blog__in=_blogs_of(user))
        return {
            "comment": not opted_out.exists(),
            "reply": choices.reply,
            "like": choices.like,
            "follow": choices.follow,
        }

    def save(self, user) -> None:
        data = self.cleaned_data
        with transaction.atomic():
            EmailChoices.objects.update_or_create(
                user=user,
                defaults={"reply": data["reply"], "like": data["like"], "follow": data["follow"]},
            )
            set_comment_emails(user, data["comment"])


def set_comment_emails(user, wanted: bool) -> None:
    """Turn the emails about new comments on this person's posts on or off, on every blog."""
    mine = OptOut.objects.filter(user=user, kind=OWN_POSTS)
    if wanted:
        mine.delete()
        return
    for blog in _blogs_of(user):
        OptOut.objects.get_or_create(user=user, blog=blog, kind=OWN_POSTS)


def stop(user, kinds: list[str]) -> None:
    """Turn off these kinds of notification email (the one-click link in such an email)."""
    choices = EmailChoices.of(user)
    for kind in kinds:
        if kind == Kind.COMMENT:
            set_comment_emails(user, False)
        elif hasattr(choices, kind):
            setattr(choices, kind, False)
    choices.save()
