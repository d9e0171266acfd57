"""Draw the likes under a post as HTML, in Python rather than with a template.

Why not a template: the section is the whole answer to every like and unlike, and
social/_likes.html took about 0.5 ms of CPU to render it (ten faces of five values each,
looked up one by one), a sixth of the request; the same markup made here costs a few
hundredths of that. It is the markup that template made, byte for byte: the template, as
it was, is kept in tests/reference/ and rendered beside this over guests and readers,
liked or not, no likes, one, and more than ten, and names full of markup
(byline/social/tests/test_likes_html.py).

A guest's version (which the page cache may keep) has no token and nothing personal; its
button leads through sign-in (social/views/acting.py). Signed in, the button toggles in
place with htmx, or posts the form and comes back here. Everything a reader typed (their
name) is escaped here.
"""

from __future__ import annotations

from html import escape

from byline.comments.thread_html import address_of
from byline.social.likes import Likes

_SECTION = (
    '\n<section id="likes" class="likes" aria-label="Likes">\n'
    "  \n"
    '  <form class="like-form" method="post" action="{url}"{htmx}>\n'
    "    {button}\n"
    "  </form>\n"
    '  <p class="likes-count">{sentence}</p>\n'
    "  {faces}\n"
    "</section>\n"
)
_HTMX = ' data-hx-post="{url}" data-hx-target="#likes" data-hx-swap="outerHTML"'
_STAR = '<span class="like-star" aria-hidden="true">★</span>'
_READER_BUTTON = (
    '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">\n'
    '    <input type="hidden" name="action" value="{action}">\n'
    '    <button type="submit" class="like-button{liked}">' + _STAR + " {label}</button>\n"
    "    "
)
_LIKED = ' liked" title="Press to take your like back'  # the class, then a title
_GUEST_BUTTON = (
    '\n    <button type="submit" class="like-button">' + _STAR + " Log in to like</button>\n    "
)
_FACE = (
    '<li><a href="{link}" title="{name}"><img class="avatar" src="{picture}" alt="{name}"'
    ' width="32" height="32" loading="lazy"></a></li>'
)
_FACES = '<ul class="likers">\n    {faces}\n    {more}\n  </ul>'
_MORE = '<li class="likes-more">and {more} more</li>'


def section(post_pk: int, likes: Likes, csrf_token: str | None) -> str:
    """Return the likes section of a post; `csrf_token` is None for a guest (a plain form)."""
    url = address_of("social:like_post", post_pk)
    if csrf_token is None:
        htmx, button = "", _GUEST_BUTTON
    else:
        htmx = _HTMX.format(url=url)
        button = _READER_BUTTON.format(
            token=escape(csrf_token),
            action="unlike" if likes.liked else "like",
            liked=_LIKED if likes.liked else "",
            label="Liked" if likes.liked else "Like",
        )
    faces = ""
    if likes.likers:
        more = likes.more
        faces = _FACES.format(
            faces="".join(
                _FACE.format(link=escape(liker.link), name=escape(liker.name),
                             picture=escape(liker.picture))
                for liker in likes.likers
            ),
            more=_MORE.format(more=more) if more else "",
        )  # fmt: skip
    return _SECTION.format(url=url, htmx=htmx, button=button, sentence=likes.sentence,
                           faces=faces)  # fmt: skip
