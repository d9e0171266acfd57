from django import template
from django.utils.safestring import mark_safe

from byline.comments import thread_html
from byline.comments.rendering import sanitize

register = template.Library()


@register.filter
def safe_comment(html: str) -> str:
    """Sanitize stored comment HTML once more on the way out, as issue 3 asks.

    Stored HTML was sanitized when written; doing it again at render means a change to
    the allowlist (or a row written by an older release or an import) reaches every page.
    """
    return mark_safe(sanitize(html or ""))  # noqa: S308 - nh3 output


@register.simple_tag(takes_context=True)
def comment_threads(context, discussion, post):
    """The <li> of each thread of a page of comments (drawn in Python: see thread_html)."""
    return thread_html.draw(discussion, post, context["request"])
