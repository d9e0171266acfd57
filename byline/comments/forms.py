from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe

from byline.comments import spam
from byline.comments.models import Comment

MAX_COMMENT_CHARS = 65_536

_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "email", "url", "checkbox", "hidden")
)
_TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"


def _formatted(value) -> str:
    """Return value as `{{ value|stringformat:'s' }}` writes it: escaped unless marked safe."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031
    return text if isinstance(value, SafeData) else escape(text)


def _attrs_html(attrs: dict) -> str:
    """Return the attributes as Django's widgets/attrs.html writes them."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


class WrittenWidgets(DjangoTemplates):
    """Django's form renderer, which writes the comment form's widgets in Python.

    The form is on every post page, and its nine widgets, each drawn through three small
    templates, cost a tenth of a page's CPU (issue #8). Django still decides what each widget
    shows (its value, required, aria-invalid, checked, the id): only the writing of
    input.html, textarea.html and attrs.html, which this copies character for character, is
    done here. Any other template (none, today) is drawn by Django as usual.
    """

    def render(self, template_name, context, request=None):
        # Every value written is escaped as the templates' autoescaping would.
        if template_name in _INPUT_TEMPLATES:
            return mark_safe(self._input(context["widget"]))  # noqa: S308
        if template_name == _TEXTAREA_TEMPLATE:
            return mark_safe(self._textarea(context["widget"]))  # noqa: S308
        return super().render(template_name, context, request)

    @staticmethod
    def _input(widget: dict) -> str:
        value = widget["value"]
        # Widget.format_value() gives None or a string: the template's `!= None` is this.
        shown = "" if value is None else f' value="{_formatted(value)}"'
        return (
            f'<input type="{conditional_escape(widget["type"])}"'
            f' name="{conditional_escape(widget["name"])}"{shown}{_attrs_html(widget["attrs"])}>'
        )

    @staticmethod
    def _textarea(widget: dict) -> str:
        value = widget["value"]
        text = conditional_escape(value if isinstance(value, str) else str(value)) if value else ""
        return (
            f'<textarea name="{conditional_escape(widget["name"])}"'
            f"{_attrs_html(widget['attrs'])}>\n{text}</textarea>"
        )


class CommentForm(forms.Form):
    """The "Leave a Reply" form. Guests give name and email; signed-in readers need not."""

    default_renderer = WrittenWidgets()

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
