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

import functools
from html import escape

from django.conf import settings
from django.middleware.csrf import get_token
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

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
        self.months = {n: str(name) for n, name in MONTHS.items()}
        self.am, self.pm = gettext("a.m."), gettext("p.m.")
        # Once, not per comment: localtime() looks the zone up in a context-local each time.
        self.zone = timezone.get_current_timezone()

    def both(self, moment) -> tuple[str, str]:
        """Return `Y-m-d\\TH:i:sO` and `F j, Y \\a\\t g:i a` of a moment, in the current zone."""
        local = moment.astimezone(self.zone) if timezone.is_aware(moment) else moment
        offset = local.utcoffset()
        zone = ""
        if offset is not None:
            seconds = offset.days * 86400 + offset.seconds
            sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
            zone = f"{sign}{seconds // 3600:02d}{(seconds // 60) % 60:02d}"
        machine = (
            f"{local.year:04d}-{local.month:02d}-{local.day:02d}"
            f"T{local.hour:02d}:{local.minute:02d}:{local.second:02d}{zone}"
        )
        human = (
            f"{self.months[local.month]} {local.day}, {local.year:04d} at "
            f"{local.hour % 12 or 12}:{local.minute:02d} {self.pm if local.hour > 11 else self.am}"
        )
        return machine, human


# The markup, in the shape comments/_comment.html had; every value is escaped before it
# goes in, except the comment's body (sanitized HTML) and what this module makes itself.
_COMMENT = (
    '\n<li id="comment-{pk}" class="{classes}">\n'
    '  <article class="comment-body">\n'
    '    <footer class="comment-meta">\n'
    '      <img class="avatar" src="{avatar}" alt="" width="48" height="48" loading="lazy">\n'
    "      {author}\n"
    '      <a class="comment-date" href="#comment-{pk}">'
    '<time datetime="{machine_date}">{human_date}</time></a>\n'
    "      {waiting}\n"
    "    </footer>\n"
    '    <div class="comment-content">{body}</div>\n'
    "    {like}\n"
    "    {reply}\n"
    "  </article>\n  "
)
_WAITING = (
    '<p class="comment-awaiting-moderation"><em>Your comment is awaiting moderation.</em></p>'
)
_REPLY = (
    '<p class="reply"><a rel="nofollow" class="comment-reply-link" href="?replytocom={pk}#respond"'
    ' data-comment-id="{pk}" aria-label="Reply to {name}">Reply</a></p>'
)
_LIKE_FORM = (
    '<div class="comment-like" id="comment-like-{pk}">'
    '<form class="comment-like-form" method="post" action="{url}"{htmx}>{fields}'
    '<button type="submit" class="link-button comment-like-button{liked_class}"'
    ' aria-label="{label} {name}’s comment">{button}</button></form>{count}</div>\n'
)
_LIKE_HTMX = ' data-hx-post="{url}" data-hx-target="#comment-like-{pk}" data-hx-swap="outerHTML"'
_LIKE_FIELDS = (
    '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    '<input type="hidden" name="action" value="{action}">'
)


def comment_like(
    pk: int, author_name: str, count: int, liked: bool, csrf_token: str | None, url: str = ""
) -> str:
    """Return a comment's Like link; `csrf_token` is None for a guest (a plain form, no htmx).

    `url` is the like's address, when the caller already has it."""
    url = url or address_of("social:like_comment", pk)
    signed_in = csrf_token is not None
    return _LIKE_FORM.format(
        pk=pk,
        url=url,
        htmx=_LIKE_HTMX.format(url=url, pk=pk) if signed_in else "",
        fields=_LIKE_FIELDS.format(token=escape(csrf_token), action="unlike" if liked else "like")
        if signed_in else "",
        liked_class=" liked" if liked else "",
        label="Liked: take back your like of" if liked else "Like",
        name=escape(author_name),
        button="Liked" if liked else "Like",
        count=f' <span class="comment-like-count">{count} like{"" if count == 1 else "s"}</span>'
        if count else "",
    )  # fmt: skip


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

    def node(self, node: Node, out: list[str]) -> None:
        c = node.comment
        pk, name = c.pk, escape(c.author_name)
        classes = f"comment depth-{c.depth}"
        if c.user_id is not None and c.user_id == self.author_id:
            classes += " bypostauthor"
        if node.by_member:
            classes += " byblogmember"
        if node.held:
            classes += " comment-held"
        like = reply = waiting = ""
        if node.held:
            waiting = _WAITING
        else:
            count, liked = self.likes.of(pk)
            url = f"{self.like_address[0]}{pk}{self.like_address[1]}"
            like = comment_like(pk, c.author_name, count, liked, self.csrf_token, url)
            if not self.closed:
                reply = _REPLY.format(pk=pk, name=name)
        machine_date, human_date = self.dates.both(c.created_at)
        out.append(
            _COMMENT.format(
                pk=pk, classes=classes, avatar=escape(node.avatar), author=self.author(node, name),
                machine_date=machine_date, human_date=human_date, waiting=waiting,
                body=c.safe_html, like=like, reply=reply,
            )
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
