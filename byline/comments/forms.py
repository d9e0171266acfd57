from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from byline.comments import spam
from byline.comments.models import Comment

MAX_COMMENT_CHARS = 65_536


class CommentForm(forms.Form):
    """The "Leave a Reply" form. Guests give name and email; signed-in readers need not."""

    comment = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 6, "cols": 45, "maxlength": MAX_COMMENT_CHARS}),
        strip=True,
        required=False,  # checked in clean_comment, to say it in our words
    )
    email = forms.EmailField(
        label="Email",
        required=False,
        max_length=254,
        help_text="Never shown publicly. Used for notifications and your picture.",
        error_messages={"invalid": "That email address does not look right; check it for typos."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    author = forms.CharField(
        label="Name",
        required=False,
        max_length=245,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    url = forms.URLField(
        label="Website",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": "That website address does not look right, e.g. https://example.com"
        },
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    remember = forms.BooleanField(
        label="Save my name, email, and website in this browser for the next time I comment.",
        required=False,
    )
    # Email follow-ups (byline.subscriptions); a guest confirms them by email first.
    subscribe_comments = forms.BooleanField(
        label="Notify me of new comments via email.", required=False
    )
    subscribe_blog = forms.BooleanField(label="Notify me of new posts via email.", required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and aria-hidden, filled in by naive bots.
    homepage = forms.CharField(required=False, label="Leave this field empty")

    def __init__(self, *args, post, user, **kwargs):
        self.post, self.user = post, user
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("started", spam.form_token())
        if not user.is_authenticated:
            self.fields["email"].required = True
            self.fields["author"].required = True
            self.fields["email"].error_messages["required"] = "Please enter your email address."
            self.fields["author"].error_messages["required"] = "Please enter your name."
        else:
            for name in ("email", "author", "url", "remember"):
                del self.fields[name]

    def clean_comment(self) -> str:
        text = self.cleaned_data.get("comment", "")
        if not text:
            raise ValidationError("Please type your comment.")
        if len(text) > MAX_COMMENT_CHARS:
            raise ValidationError(
                f"Your comment is too long: at most {MAX_COMMENT_CHARS:,} characters, "
                f"and it has {len(text):,}. Shorten it a little and send it again."
            )
        return text

    def clean_parent(self) -> Comment | None:
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = Comment.objects.replied_to(parent_id)
        if parent is None or parent.post_id != self.post.pk:
            raise ValidationError(
                "The comment you are replying to is not on this post. Your text is kept "
                "below; send it as a new comment instead."
            )
        if parent.status != Comment.Status.APPROVED:
            raise ValidationError(
                "The comment you are replying to has been removed. Your text is kept below; "
                "send it as a new comment instead."
            )
        return parent
