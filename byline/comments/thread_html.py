"""Draw a page of comment threads as HTML, in Python rather than one template include a comment.

Why not a template: comments/_comment.html included once per comment (100 nested includes on
a busy post) cost about 100 ms a page, three quarters of a post page's time with the page
cache empty; the same markup made here costs a few milliseconds. It is the markup that
template made, byte for byte (byline/comments/tests/test_thread_html.py renders the old
templates, kept in tests/reference/, beside it), so stylesheets and scripts see no change.

Everything a reader typed is escaped here; a comment's body is its stored HTML, sanitized
when stored under today's rules or again now (Comment.safe_html).
"""

from __future__ import annotations

import datetime
import functools
from html import escape

from django.conf import settings
from django.middleware.csrf import get_token
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from byline.comments.threads import Discussion, Node
from byline.social import likes as likes_data

_PLACEHOLDER = 987654321


def address_of(name: str, pk: int) -> str:
    """Return reverse(name, args=[pk]) for an address whose only argument is an integer."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = _address_pattern(name, get_script_prefix(), urlconf)
    return f"{head}{pk}{tail}"


@functools.lru_cache(maxsize=64)
def _address_pattern(name: str, script_prefix: str, urlconf: str) -> tuple[str, str]:
    # One reverse() per address name rather than one per comment (about 50 µs each).
    head, _, tail = reverse(name, args=[_PLACEHOLDER]).rpartition(str(_PLACEHOLDER))
    return head, tail


class _Dates:
    """Django's `date` filter for two formats, at a fraction of its cost (same output)."""

    def __init__(self):
        self.months, self.am, self.pm = _names(get_language())
        # Once, not per comment: localtime() looks the zone up in a context-local each time.
        self.zone = timezone.get_current_timezone()
        # A page's comments share a few offsets and days: each spelled out once.
        self.offsets: dict[datetime.timedelta | None, str] = {}
        self.days: dict[tuple[int, int, int], str] = {}

    def both(self, moment) -> tuple[str, str]:
        """Return `Y-m-d\\TH:i:sO` and `F j, Y \\a\\t g:i a` of a moment, in the current zone."""
        local = moment.astimezone(self.zone) if moment.utcoffset() is not None else moment
        offset = local.utcoffset()
        if offset not in self.offsets:
            self.offsets[offset] = _offset(offset)
        # isoformat: the year padded to four digits as `Y` does, the seconds cut, not rounded.
        machine = local.isoformat(timespec="seconds")[:19] + self.offsets[offset]
        day = (local.year, local.month, local.day)
        if day not in self.days:
            self.days[day] = f"{self.months[local.month]} {local.day}, {local.year:04d} at "
        hour = local.hour
        noon = self.pm if hour > 11 else self.am
        human = f"{self.days[day]}{hour % 12 or 12}:{local.minute:02d} {noon}"
        return machine, human


@functools.lru_cache(maxsize=32)
def _names(language: str) -> tuple[dict[int, str], str, str]:
    # The months and a.m./p.m. in a language: fourteen translations, a sixth of a millisecond
    # a page when looked up anew each time.
    return {n: str(name) for n, name in MONTHS.items()}, gettext("a.m."), gettext("p.m.")


def _offset(offset: datetime.timedelta | None) -> str:
    """Return the `O` of a UTC offset: "+0200", "-0430", "" for none."""
    if offset is None:
        return ""
    seconds = offset.days * 86400 + offset.seconds
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    return f"{sign}{seconds // 3600:02d}{(seconds // 60) % 60:02d}"


# The markup, in the shape comments/_comment.html had: f-strings rather than str.format,
# which took five times as long to fill in the same dozen fields (about 5 µs a comment).
# Every value is escaped before it goes in, except the comment's body (sanitized HTML) and
# what this module makes itself.
def _comment_markup(pk, classes, avatar, author, machine_date, human_date, waiting, body,
                    like, reply) -> str:  # fmt: skip
    return (
        f'\n<li id="comment-{pk}" class="{classes}">\n'
        '  <article class="comment-body">\n'
        '    <footer class="comment-meta">\n'
        f'      <img class="avatar" src="{avatar}" alt="" width="48" height="48" loading="lazy">\n'
        f"      {author}\n"
        f'      <a class="comment-date" href="#comment-{pk}">'
        f'<time datetime="{machine_date}">{human_date}</time></a>\n'
        f"      {waiting}\n"
        "    </footer>\n"
        f'    <div class="comment-content">{body}</div>\n'
        f"    {like}\n"
        f"    {reply}\n"
        "  </article>\n  "
    )


_WAITING = (
    '<p class="comment-awaiting-moderation"><em>Your comment is awaiting moderation.</em></p>'
)


def _reply_markup(pk: int, name: str) -> str:
    return (
        f'<p class="reply"><a rel="nofollow" class="comment-reply-link"'
        f' href="?replytocom={pk}#respond" data-comment-id="{pk}"'
        f' aria-label="Reply to {name}">Reply</a></p>'
    )


def comment_like(
    pk: int, author_name: str, count: int, liked: bool, csrf_token: str | None, url: str = ""
) -> str:
    """Return a comment's Like link; `csrf_token` is None for a guest (a plain form, no htmx).

    `url` is the like's address, when the caller already has it."""
    url = url or address_of("social:like_comment", pk)
    return _like_markup(pk, escape(author_name), count, liked, csrf_token, url)


def _like_markup(pk: int, name: str, count: int, liked: bool, csrf_token: str | None,
                 url: str) -> str:  # fmt: skip
    # `name` is escaped already.
    htmx = fields = ""
    if csrf_token is not None:  # signed in: htmx swaps the link in place
        htmx = f' data-hx-post="{url}" data-hx-target="#comment-like-{pk}" data-hx-swap="outerHTML"'
        fields = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
            f'<input type="hidden" name="action" value="{"unlike" if liked else "like"}">'
        )
    if liked:
        liked_class, label, button = " liked", "Liked: take back your like of", "Liked"
    else:
        liked_class, label, button = "", "Like", "Like"
    likes = ""
    if count:
        likes = f' <span class="comment-like-count">{count} like{"" if count == 1 else "s"}</span>'
    return (
        f'<div class="comment-like" id="comment-like-{pk}">'
        f'<form class="comment-like-form" method="post" action="{url}"{htmx}>{fields}'
        f'<button type="submit" class="link-button comment-like-button{liked_class}"'
        f' aria-label="{label} {name}’s comment">{button}</button></form>{likes}</div>\n'
    )


class _Drawing:
    def __init__(self, discussion: Discussion, post, request):
        self.closed = discussion.closed
        self.author_id = post.author_id
        user = request.user
        self.csrf_token = get_token(request) if user.is_authenticated else None
        self.likes = likes_data.of_comments(post.pk, user)
        self.dates = _Dates()
        self.profiles: dict[str, str] = {}
        # The like address's two halves, once per page rather than once per comment.
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        self.like_address = _address_pattern("social:like_comment", get_script_prefix(), urlconf)

    def profile(self, username: str) -> str:
        if username not in self.profiles:
            self.profiles[username] = reverse("accounts:profile", args=[username])
        return self.profiles[username]

    def author(self, node: Node, name: str) -> str:
        c = node.comment
        if c.user_id is not None:
            link = escape(self.profile(c.user.username))
            author = f'<a href="{link}" class="comment-profile">{name}</a>'
        elif c.author_url:
            author = f'<a href="{escape(c.author_url)}" rel="external nofollow ugc">{name}</a>'
        else:
            author = name
        author = f'<b class="comment-author">{author}</b>'
        if node.by_member:
            author += ' <span class="comment-badge">Author</span>'
        if c.kind != "comment":
            author += f' <span class="comment-kind">({escape(str(c.get_kind_display()))})</span>'
        return author

    def classes(self, node: Node) -> str:
        c = node.comment
        classes = f"comment depth-{c.depth}"
        if c.user_id is not None and c.user_id == self.author_id:
            classes += " bypostauthor"
        if node.by_member:
            classes += " byblogmember"
        if node.held:
            classes += " comment-held"
        return classes

    def node(self, node: Node, out: list[str]) -> None:
        c = node.comment
        pk, name = c.pk, escape(c.author_name)
        like = reply = waiting = ""
        if node.held:
            waiting = _WAITING
        else:
            count, liked = self.likes.of(pk)
            url = f"{self.like_address[0]}{pk}{self.like_address[1]}"
            like = _like_markup(pk, name, count, liked, self.csrf_token, url)
            if not self.closed:
                reply = _reply_markup(pk, name)
        machine_date, human_date = self.dates.both(c.created_at)
        out.append(
            _comment_markup(pk, self.classes(node), escape(node.avatar), self.author(node, name),
                            machine_date, human_date, waiting, c.safe_html, like, reply)
        )  # fmt: skip
        if node.children:
            out.append('<ol class="children">')
            for child in node.children:
                self.node(child, out)
            out.append("</ol>")
        out.append("\n</li>\n\n")


def draw(discussion: Discussion, post, request) -> SafeString:
    """Return the <li> of every thread of the discussion, replies in <ol class="children">."""
    drawing, out = _Drawing(discussion, post, request), []
    for node in discussion.threads:
        drawing.node(node, out)
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped or sanitized
