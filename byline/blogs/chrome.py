"""What a blog's pages show around their content, built once per change instead of per request.

The header menu (two queries and a recursive template per page before, issue #8), the links
to a post's neighbours (two queries; posts/views.py) and the sign-in icons of the comment
form (allauth's SocialApp list, a query per page) change rarely, but every page draws them.
Each is kept in this process under a token:

- a blog's token changes whenever `pagecache.blog_changed(slug)` is called, which every
  write that changes what a blog's pages show already does (Post, Category, Blog, menus,
  scheduling, imports …). It is the chrome's own, not the page cache's generation: that
  one stays put while the page cache is off, and a blog that has none yet would have to
  be given one while its page is drawn, which makes that page stale before it is stored;
- the site's token changes when a SocialApp (an outside sign-in provider) is saved or deleted.

Tokens live in the page cache's shared store (files in the data dir, or Redis), so every
server process reads the same one; a process-local copy is then exact, because it is found
only under the token it was built at. A store that is down means no copy: the menu is read
from the database as before.

Dependency direction: pagecache calls `blogs_changed`; this module imports models lazily.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SITE = "@site"  # the sign-in providers' token; no blog slug can hold "@"
_MEMO_LIMIT = 2000  # entries kept per process before starting over (a few per blog)
_memo: dict[tuple, object] = {}
_stores: dict[tuple, object] = {}


def _store():
    from byline.pagecache.store import FileStore, RedisStore

    location, prefix = settings.PAGE_CACHE_LOCATION, settings.PAGE_CACHE_KEY_PREFIX
    found = _stores.get((location, prefix))
    if found is None:
        if location.startswith(("redis://", "rediss://", "unix://")):
            found = RedisStore(location, f"{prefix}:chrome")
        else:  # beside the page cache's folders, which its clear() leaves alone
            found = FileStore(str(Path(location) / "chrome"))
        _stores[(location, prefix)] = found
    return found


def _token(name: str) -> str:
    """Return the current token of a blog (or of SITE), or "" when the store cannot say."""
    from byline.pagecache.store import ERRORS

    try:
        store = _store()
        token = store.generation(name)
        if not token:  # never made, or the store was emptied: a copy made before is unknown
            store.bump([name])
            token = store.generation(name)
    except ERRORS:
        return ""
    return token


def _bump(names: list[str]) -> None:
    from byline.pagecache.store import ERRORS

    try:
        _store().bump(names)
    except ERRORS:
        # A store that is down gives no token, so no copy is used until it is back.
        pass


def blogs_changed(slugs: list[str]) -> None:
    """Make every copy of these blogs' chrome stale: now, and again once the write commits.

    Again after the commit for the page cache's reason: a reader between the two may have
    built a copy from the old rows under the new token (not again when there is no
    transaction, as pagecache.blog_changed says).
    """
    if slugs:
        _bump(slugs)
        if transaction.get_connection().in_atomic_block:  # else the write has committed
            transaction.on_commit(lambda: _bump(slugs))


def site_changed(instance=None, **_signal) -> None:
    """Make the sign-in icons stale (a SocialApp was saved or deleted), here and on the
    guests' pages the page cache keeps."""
    from byline import pagecache

    if instance is not None and instance.provider == "mastodon":
        return  # a Mastodon server met at sign-in: the form shows one icon for them all
    blogs_changed([SITE])
    pagecache.everything_changed()


def forget(**_signal) -> None:
    """Drop every copy this process keeps (a setting changed: sign-in providers, the site's
    name; only tests change settings while running)."""
    _memo.clear()


def _remembered(key: tuple, state: str, build):
    if not state:
        return build()
    key = (*key, state)
    found = _memo.get(key)
    if found is None:
        found = build()
        if len(_memo) >= _MEMO_LIMIT:
            _memo.clear()
        _memo[key] = found
    return found


def _blog_state(blog) -> str:
    """Return what a copy of this blog's chrome must have been built at to be good now.

    Its token, and the moment the next post readers cannot see yet goes out by itself (a
    scheduled one: no write happens then, yet menus and neighbours change). "" when the
    store cannot say: then nothing is kept.
    """
    token = _token(blog.slug)
    if not token:
        return ""
    key = ("due", blog.slug, token)
    due = _memo.get(key)
    if due is None or (due and time.time() >= due):
        due = _memo[key] = _next_due(blog)
    return f"{token}:{due}"


def _next_due(blog) -> float:
    from django.utils import timezone

    from byline.posts.models import Post

    due = (
        Post.objects.for_blog(blog).filter(
            status__in=[Post.Status.PUBLISHED, Post.Status.SCHEDULED],
            published_at__gt=timezone.now(),
        ).order_by("published_at").values_list("published_at", flat=True).first()
    )  # fmt: skip
    return due.timestamp() if due else 0.0


def remembered(blog, what: tuple, build):
    """Return build(), a part of this blog's pages that only its writes change, kept in
    this process until the blog's next change (at this request's addresses)."""
    # Addresses depend on the URLconf (a blog's subdomain has its own) and the script prefix.
    key = (blog.slug, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), *what)
    return _remembered(key, _blog_state(blog), build)


# The header menu ----------------------------------------------------------------------


@dataclass(frozen=True)
class MenuLink:
    title: str
    url: str
    new_tab: bool = False
    submenu: tuple[MenuLink, ...] = ()


@dataclass(frozen=True)
class HeaderMenu:
    custom: bool  # a menu placed in the header (no "Home" link then), else the blog's pages
    links: tuple[MenuLink, ...]


def header_menu(blog) -> HeaderMenu:
    """Return the blog's header menu, as readers see it now."""
    return remembered(blog, ("menu",), lambda: _build_menu(blog))


def _build_menu(blog) -> HeaderMenu:
    from byline.blogs.models import Menu
    from byline.posts.models import Post

    def link(item) -> MenuLink:
        # A page of the default menu has neither a submenu nor "open in a new tab".
        submenu = tuple(link(child) for child in getattr(item, "submenu", ()))
        new_tab = getattr(item, "new_tab", False)
        return MenuLink(item.title, item.get_absolute_url(), new_tab, submenu)

    menu = Menu.header_for(blog)
    if menu is not None:
        items, custom = menu.tree(), True
    else:
        pages = Post.objects.for_blog(blog).published().pages().filter(parent=None)
        items, custom = pages.order_by("menu_order", "title").select_related("blog"), False
    return HeaderMenu(custom, tuple(link(item) for item in items))


def menu_html(links: tuple[MenuLink, ...], path: str) -> SafeString:
    """Return the menu's <li> items, the current page marked, as blogs/_menu_items.html did."""
    out = []
    for link in links:
        url = escape(link.url)
        out.append(f'<li><a href="{url}"')
        if link.url == path:
            out.append(' aria-current="page"')
        if link.new_tab:
            out.append(' target="_blank" rel="noopener"')
        out.append(f">{escape(link.title)}</a>")
        if link.submenu:
            # The newline is the one the old template file ended with: pages stay as they were.
            out.append(f'<ul class="sub-menu">{menu_html(link.submenu, path)}\n</ul>')
        out.append("</li>")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


# The sign-in icons --------------------------------------------------------------------


def sign_in_choices(request) -> list:
    """Return the comment form's sign-in icons (accounts.identity.sign_in_choices), kept."""
    from byline.accounts import identity

    return for_site(("sign-in",), lambda: identity.sign_in_choices(request))


def for_site(what: tuple, build):
    """Return build()'s answer, kept until a SocialApp is saved or deleted (or settings change)."""
    return _remembered(what, _token(SITE), build)
