"""The social parts of other apps' pages: likes, Follow, the bell, and htmx for them.

(A comment's Like link is drawn with its comment, by byline.comments.thread_html.)

Each is drawn for whoever asks. A guest's version holds nothing personal and no CSRF
token, so the page it is in can be cached (byline/pagecache) and served to any guest; a
signed-in reader's page is never cached, so theirs may say "Liked" and "Following".
"""

from __future__ import annotations

from django import template
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from byline.social import likes as likes_data
from byline.social import likes_html
from byline.social.models import Follow, Like

register = template.Library()


@register.inclusion_tag("social/_post_likes.html", takes_context=True)
def post_likes(context, post):
    request = context["request"]
    user = request.user
    token = get_token(request) if user.is_authenticated else None  # a guest's has none
    section = likes_html.section(post.pk, likes_data.of_post(post, user), token)
    return {"section": mark_safe(section), "request": request}  # noqa: S308 - escaped there


@register.inclusion_tag("social/_follow_block.html", takes_context=True)
def follow_button(context, blog):
    request = context["request"]
    user = request.user
    following = user.is_authenticated and Follow.objects.filter(user=user, blog=blog).exists()
    return {"blog": blog, "following": following, "user": user, "next": request.path,
            "request": request}  # fmt: skip


@register.inclusion_tag("social/_bell.html", takes_context=True)
def notification_bell(context):
    user = context["request"].user
    unread = user.notifications.current().unread().count() if user.is_authenticated else 0
    return {"unread": unread, "user": user}


@register.inclusion_tag("social/_liked_by.html")
def recently_liked(person, limit: int = 10):
    """The posts a person liked lately, for their profile page."""
    liked = (
        Like.objects.filter(user=person, post__isnull=False)
        .filter(post__in=_public_posts()).select_related("post__blog")
        .order_by("-created_at")[:limit]
    )  # fmt: skip
    return {"posts": [like.post for like in liked], "person": person}


def _public_posts():
    from byline.posts.models import Post

    return Post.objects.published()


@register.simple_tag(takes_context=True)
def social_htmx(context):
    """Load htmx for a signed-in reader's buttons, once per page.

    Guests' buttons are plain forms (their click leads to sign-in), and the comment form
    loads htmx for guests only: so htmx is never loaded twice, which would send every
    click twice.
    """
    request = context["request"]
    if not request.user.is_authenticated or getattr(request, "_byline_htmx", False):
        return ""
    request._byline_htmx = True
    return format_html('<script src="{}" defer></script>', static("byline/vendor/htmx.min.js"))
