"""The comment form's widgets, written in Python (forms.WrittenWidgets), are the same
characters Django's widget templates write: for a guest and a signed-in reader, unbound
(with remembered and replied-to values) and sent back with errors and odd values."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from byline.comments.forms import CommentForm, WrittenWidgets
from tests.factories import PostFactory

ODD = "<b>\"Ann\" & 'co'</b>  "

SENT = {
    "empty": {},
    "odd": {
        "comment": f"  {ODD}\n\nsecond line ",
        "email": ODD,
        "author": ODD,
        "url": "ht!tp://bad url",
        "remember": "on",
        "subscribe_comments": "on",
        "subscribe_blog": "yes",
        "parent": "not a number",
        "started": ODD,
        "homepage": ODD,
    },
    "whitespace": {"comment": "   ", "author": " ", "email": "a@b.example", "parent": "7"},
    "too long": {"comment": "x" * 70_000, "email": "a@b.example", "author": "A"},
}


# What a returning guest's form, or one replying to a comment, starts with.
REMEMBERED = {
    "author": ODD,
    "email": "ann@example.com",
    "url": "https://x.example/?a=1&b=2",
    "remember": True,
    "parent": 394,
    "comment": ODD,
    "started": "a token",
}


def widgets(post, user, data, renderer=None) -> dict[str, str]:
    """Return each widget of the form, as drawn with the given renderer (or the form's own)."""
    extra = {"renderer": renderer} if renderer else {}
    form = CommentForm(data, post=post, user=user, initial=REMEMBERED, **extra)
    form.is_valid()
    assert isinstance(form.renderer, DjangoTemplates if renderer else WrittenWidgets)
    return {name: str(form[name]) for name in form.fields}


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("sent", [None, *SENT])
def test_every_widget_is_written_as_djangos_templates_write_it(demo_blog, alice, signed_in, sent):
    post = PostFactory(blog=demo_blog)
    user = alice if signed_in else AnonymousUser()
    data = None if sent is None else SENT[sent]
    assert widgets(post, user, data) == widgets(post, user, data, DjangoTemplates())


@pytest.mark.parametrize(
    "attrs",
    [
        {"required": True, "disabled": False, "checked": True},
        {"maxlength": 245, "rows": 6, "data-x": None, "aria-describedby": "a b"},
        {"title": ODD, "data-safe": mark_safe("<i>kept</i>"), "data-pair": ("a", 1)},  # noqa: S308
        {},
    ],
)
@pytest.mark.parametrize("value", [None, "", "plain", ODD, mark_safe("<i>safe</i>"), 42])  # noqa: S308
@pytest.mark.parametrize(
    "template", ["text", "email", "url", "checkbox", "hidden", "input", "textarea"]
)
def test_the_written_templates_match_djangos_for_any_value_and_attribute(template, value, attrs):
    context = {
        "widget": {
            "name": "field<&>",
            "type": "text",
            "value": value,
            "attrs": attrs,
            "is_hidden": False,
            "required": False,
            "template_name": f"django/forms/widgets/{template}.html",
        }
    }
    name = context["widget"]["template_name"]
    assert WrittenWidgets().render(name, context) == DjangoTemplates().render(name, context)
