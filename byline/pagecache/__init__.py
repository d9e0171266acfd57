"""The page cache for anonymous readers (issue #8).

Whole blog pages, as a reader without cookies gets them, are stored once drawn and served
to the next anonymous reader, compressed, with ETag and Last-Modified. Nothing personal is
ever in them: the comment form's remembered identity and a fresh form token come from a
small fragment (views.reader), and signed-in readers never get cached pages.

Exactness comes from generations: each blog has a random token in the shared store,
read before a page is drawn and stored with it. A write that changes what a blog's pages
show calls `blog_changed(slug)`, which replaces the token, so every server process misses
on its next request; a comment or a like, which shows only in its post's discussion, calls
`discussion_changed(slug)`, which leaves the blog's chrome (blogs/chrome.py) alone. Callers
are explicit (Post.save, Comment.save/set_status/delete, Blog.save, DiscussionSettings.save,
Membership.save/delete, Like.add/remove, User.save via person_changed …), never signals.

Dependency direction: models call this package; it imports no model at import time.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction

from byline.pagecache.store import get_store

log = logging.getLogger(__name__)


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def blog_changed(*slugs: str | None) -> None:
    """Make every cached page of these blogs stale: now, and again once the write commits.

    Now, so a reader in the same transaction (or a test) never sees the old page; after
    the commit, because a reader that drew the page between the two saw the old rows and
    stored them under the new generation. Called after a write that has committed already
    (outside a transaction, as likes are stored), once is enough: a page drawn after it
    reads the new generation first, then the new rows.
    """
    slugs = sorted({s for s in slugs if s})
    if slugs:
        from byline.blogs import chrome

        chrome.blogs_changed(slugs)  # the header menu's own token (byline/blogs/chrome.py)
    discussion_changed(*slugs)


def discussion_changed(*slugs: str | None) -> None:
    """Make every cached page of these blogs stale, as blog_changed does, but keep their
    chrome: for a write that shows only in a post's discussion (a comment, a like).

    The chrome (blogs/chrome.py: the header menu, the links to a post's neighbours, the
    sign-in icons) shows no comment and no like. Made stale by each, it cost every like and
    comment one more round trip to the store, and the next drawn page of a busy post the
    menu's and the neighbours' queries again.
    """
    slugs = sorted({s for s in slugs if s})
    if not slugs or not enabled():
        return
    _bump(slugs)
    if transaction.get_connection().in_atomic_block:  # else the write has committed already
        transaction.on_commit(lambda: _bump(slugs))


def everything_changed() -> None:
    """Make every cached page of every blog stale (a commenter's name changed everywhere)."""
    from byline.blogs.models import Blog

    blog_changed(*Blog.objects.values_list("slug", flat=True), *get_store().known_blogs())


def person_changed(user) -> None:
    """Make stale the pages of every blog that shows this person: where they are a member or
    wrote, and where their comments and likes (name, picture, link) appear.

    Called when their public name, picture or address changes, and before their account is
    deleted (their likes go with it, their comments lose their name).
    """
    if not enabled():
        return  # no cached page to make stale, so no query to find them
    from byline.blogs.models import Blog
    from byline.comments.models import Comment
    from byline.posts.models import Post
    from byline.social.models import Like

    slugs = {
        *Blog.objects.filter(owner=user).values_list("slug", flat=True),
        *Blog.objects.filter(memberships__user=user).values_list("slug", flat=True),
        *Post.objects.filter(author=user).values_list("blog__slug", flat=True).distinct(),
        *Comment.objects.filter(user=user).values_list("post__blog__slug", flat=True).distinct(),
        *Like.objects.filter(user=user, post__isnull=False)
        .values_list("post__blog__slug", flat=True).distinct(),
        *Like.objects.filter(user=user, comment__isnull=False)
        .values_list("comment__post__blog__slug", flat=True).distinct(),
    }  # fmt: skip
    blog_changed(*slugs)


def _bump(slugs: list[str]) -> None:
    from byline.pagecache.store import ERRORS

    try:
        get_store().bump(slugs)
    except ERRORS:
        # The write itself went through; a store that is down serves no pages either.
        log.exception("Could not mark the cached pages of %s as stale", ", ".join(slugs))
