"""Turn a writer's Markdown into safe HTML, and HTML into plain text.

markdown-it-py renders (CommonMark plus tables, strikethrough and bare links); raw HTML
in the Markdown is allowed through to nh3, whose allowlist is the only thing that
decides what reaches a reader's browser.
"""

from __future__ import annotations

import html
import re

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from byline.posts import wordpress_html

_markdown = (
    MarkdownIt("commonmark", {"html": True, "linkify": True, "typographer": True})
    .enable(["table", "strikethrough", "linkify", "replacements", "smartquotes"])
    .use(footnote_plugin)
)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"title", "lang", "dir"},
    "a": {"href", "id", "class"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "loading", "srcset", "sizes"},
    "li": {"id", "class"},
    "ol": {"start", "reversed", "class"},
    "section": {"class"},
    "sup": {"id", "class"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "code": {"class"},
    "pre": {"class"},
    "hr": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# WordPress's alignment, caption and gallery classes, so imported posts keep their layout
# (byline.css styles them). Any other class on these tags is dropped.
WORDPRESS_CLASSES = {
    "alignleft", "alignright", "aligncenter", "alignnone", "alignwide", "alignfull",
    "wp-caption", "wp-caption-text", "gallery", "gallery-item", "gallery-icon",
    "gallery-caption", *(f"gallery-columns-{n}" for n in range(1, 10)),
}  # fmt: skip
ALLOWED_CLASSES = dict.fromkeys(("div", "figure", "figcaption", "img", "p"), WORDPRESS_CLASSES)


# Cell alignment becomes a class (byline.css), never a style attribute: the
# Content-Security-Policy refuses inline styles (byline/security/headers.py). nh3 has
# already normalised every attribute to name="escaped value", so these patterns are exact.
_CELL_STYLE = re.compile(
    r'(<t[dh]\b[^>]*?) style="(?:text-align:(left|right|center|justify))?[^"]*"'
)


def _align_with_classes(cleaned: str) -> str:
    return _CELL_STYLE.sub(lambda m: f'{m[1]} class="align-{m[2]}"' if m[2] else m[1], cleaned)


def sanitize(html_text: str) -> str:
    """Return html_text with everything outside the post allowlist removed."""
    return _align_with_classes(
        nh3.clean(
            html_text,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            # Tables from Markdown align cells with style="text-align: …"; allow only that.
            filter_style_properties={"text-align"},
            allowed_classes=ALLOWED_CLASSES,
            link_rel=None,
        )
    )


def render_markdown(source: str) -> str:
    """Return the sanitized HTML for a post written in Markdown."""
    return sanitize(_markdown.render(source or ""))


def render_wordpress_html(source: str, images=None) -> str:
    """Return the sanitized HTML for a post stored as WordPress stores it (an import).

    Its [audio], [video] and embeds are made by wordpress_html and put in after nh3 (see
    wordpress_html.with_players): writers' own HTML never gets <audio> or <video> through.
    """
    players = wordpress_html.Players()
    cleaned = sanitize(wordpress_html.to_html(source, images, players))
    return wordpress_html.with_players(cleaned, players)


_SPACE = re.compile(r"\s+")
# Block boundaries become spaces, so "end.</p><p>Next" does not read as "end.Next".
_BLOCK_EDGE = re.compile(
    r"(?=</?(?:p|br|li|h[1-6]|div|td|th|tr|blockquote|pre|figure|figcaption|dt|dd|section)\b)",
    re.IGNORECASE,
)


def plain_text(html_text: str) -> str:
    """Return the visible text of html_text on one line."""
    text = nh3.clean(_BLOCK_EDGE.sub(" ", html_text or ""), tags=set(), attributes={})
    text = html.unescape(text)
    return _SPACE.sub(" ", text).strip()


def summarize(text: str, words: int = 55) -> str:
    """Return the first `words` words of text, with an ellipsis when cut (as WordPress does)."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + "\u00a0…"
