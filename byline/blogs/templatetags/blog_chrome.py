import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from byline.blogs import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_links(context, blog_menu):
    """Draw the header menu's <li> items in Python: a recursive include cost a template
    render per link on every page (issue #8). The current page's link is marked."""
    return chrome.menu_html(blog_menu.links, context["request"].path)


@register.simple_tag
def address(name: str, *args, **kwargs) -> str:
    """Return what {% url %} returns, reversed once per address and URLconf: a post page
    names a dozen addresses, and reverse() costs about 50 µs each (issue #8)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(name, args, tuple(sorted(kwargs.items())), get_script_prefix(), urlconf)


@functools.lru_cache(maxsize=4096)
def _reversed(name: str, args: tuple, kwargs: tuple, script_prefix: str, urlconf: str) -> str:
    # The arguments are all an address depends on, so an entry is never stale.
    return reverse(name, args=args, kwargs=dict(kwargs), urlconf=urlconf)
