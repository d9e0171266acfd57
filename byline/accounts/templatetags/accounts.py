from __future__ import annotations

from django import template

from byline.accounts import avatars, identity

register = template.Library()


@register.simple_tag(takes_context=True)
def sign_in_choices(context) -> list[identity.Choice]:
    from byline.blogs import chrome

    # Kept until a SocialApp changes: allauth reads its table on every page otherwise.
    return chrome.sign_in_choices(context["request"])


@register.simple_tag(takes_context=True)
def signed_in_with(context) -> str:
    return identity.signed_in_with(context["request"])


@register.simple_tag
def picture_of(user) -> str:
    return avatars.picture_url(user)


@register.simple_tag(takes_context=True)
def comment_draft(context) -> dict | None:
    from byline.accounts import drafts

    return drafts.peek(context["request"])


@register.simple_tag
def mastodon_sign_in() -> bool:
    from django.conf import settings

    return settings.BYLINE_MASTODON_SIGN_IN
