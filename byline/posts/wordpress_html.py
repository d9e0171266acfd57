"""Turn post content as WordPress stores it into the HTML WordPress would show.

WordPress keeps a post's source, not its page: block-editor posts hold their blocks as
`<!-- wp:… -->` comments around plain HTML, classic posts are text whose blank lines
become paragraphs only when shown (wpautop), and both may hold shortcodes such as
[caption] and [gallery]. This module does what WordPress's `the_content` filters do, in
their order: blocks, then paragraphs (for classic content only, as WordPress 5+ does),
then shortcodes. The result still goes through posts.rendering.sanitize(): nothing
here is trusted to be safe.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Protocol


class GalleryImage(Protocol):
    url: str
    alt_text: str
    caption: str


ImageFinder = Callable[[list[int] | None], Sequence[GalleryImage]]

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[\s\S]*?-->")
_MORE = re.compile(r"<!--(?:more|nextpage|noteaser)[\s\S]*?-->")


def has_blocks(source: str) -> bool:
    """Return whether the content was written with the block editor."""
    return "<!-- wp:" in source


def to_html(source: str, images: ImageFinder | None = None) -> str:
    """Return the HTML WordPress shows for this post content (not yet sanitized)."""
    text = (source or "").replace("\r\n", "\n").replace("\r", "\n")
    blocks = has_blocks(text)
    text = _BLOCK_COMMENT.sub("", text)
    text = _MORE.sub("", text)
    if not blocks:
        text = autop(text)
        text = _unautop_shortcodes(text)
        text = _link_lone_urls(text)
    return expand_shortcodes(text, images)


# wpautop ------------------------------------------------------------------------------
# A port of wpautop() from wp-includes/formatting.php, step by step, so classic posts get
# exactly the paragraphs and line breaks they had on WordPress.

_ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_TAG_OR_COMMENT = re.compile(r"<!--[\s\S]*?-->|<[^>]*>")


def autop(text: str, br: bool = True) -> str:
    """Return text with double line breaks turned into paragraphs, as wpautop() does."""
    if not text.strip():
        return ""
    text += "\n"
    pre_tags: dict[str, str] = {}
    if "<pre" in text:
        parts = text.split("</pre>")
        last = parts.pop()
        text = ""
        for i, part in enumerate(parts):
            start = part.find("<pre")
            if start == -1:
                text += part
                continue
            name = f"<pre wp-pre-tag-{i}></pre>"
            pre_tags[name] = part[start:] + "</pre>"
            text += part[:start] + name
        text += last
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(r"(<" + _ALLBLOCKS + r"[\s/>])", r"\n\n\1", text)
    text = re.sub(r"(</" + _ALLBLOCKS + r">)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    # Newlines inside tags are not paragraph breaks.
    text = _TAG_OR_COMMENT.sub(lambda m: m.group(0).replace("\n", " <!-- wpnl --> "), text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*(</?" + _ALLBLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(</?" + _ALLBLOCKS + r"[^>]*>)", r"\1", text)
    text = re.sub(r"(</?" + _ALLBLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    if br:
        text = re.sub(
            r"<(script|style|svg|math)[\s\S]*?</\1>",
            lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"),
            text,
        )
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
        text = text.replace("<WPPreserveNewline />", "\n")
    text = re.sub(r"(</?" + _ALLBLOCKS + r"[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, original in pre_tags.items():
        text = text.replace(name, original)
    return text.replace(" <!-- wpnl --> ", "\n").replace("<!-- wpnl -->", "\n")


_STANDALONE = re.compile(
    r"<p>\s*(\[(caption|gallery|audio|video|embed|playlist)\b[^\]]*\](?:[\s\S]*?\[/\2\])?)"
    r"\s*(?:<br />\s*)?</p>"
)


def _unautop_shortcodes(text: str) -> str:
    """Take block shortcodes out of the paragraphs wpautop put them in (shortcode_unautop)."""
    return _STANDALONE.sub(r"\1", text)


_LONE_URL = re.compile(r"<p>\s*(https?://[^\s<>\"']+)\s*</p>")


def _link_lone_urls(text: str) -> str:
    """Link a URL alone in its paragraph, where WordPress would embed the page it names."""
    return _LONE_URL.sub(lambda m: f'<p><a href="{m.group(1)}">{m.group(1)}</a></p>', text)


# Shortcodes ---------------------------------------------------------------------------

_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|(\S+)"""
)


def shortcode_attributes(text: str) -> dict[str, str]:
    """Return a shortcode's attributes; positional ones are keyed "0", "1", …."""
    found, position = {}, 0
    for match in _ATTRIBUTE.finditer(text):
        if match.group(1):
            found[match.group(1).lower()] = match.group(2)
        elif match.group(3):
            found[match.group(3).lower()] = match.group(4)
        elif match.group(5):
            found[match.group(5).lower()] = match.group(6)
        else:
            found[str(position)] = match.group(7) if match.group(7) is not None else match.group(8)
            position += 1
    return found


_SHORTCODE = re.compile(
    r"\[(\[?)(caption|wp_caption|gallery|audio|video|embed|playlist)\b([^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(/)\]|\](?:([\s\S]*?)\[/\2\])?)(\]?)"
)


def expand_shortcodes(text: str, images: ImageFinder | None = None) -> str:
    """Replace the shortcodes Byline knows with their HTML; leave any other [text] alone."""

    def expand(match: re.Match) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]  # [[gallery]] is how WordPress writes a literal one
        name, attributes = match.group(2), shortcode_attributes(match.group(3))
        inner = match.group(5) or ""
        if name in ("caption", "wp_caption"):
            return _caption(attributes, inner)
        if name == "gallery":
            return _gallery(attributes, images)
        return _media_link(name, attributes, inner)

    return _SHORTCODE.sub(expand, text)


def _caption(attributes: dict[str, str], inner: str) -> str:
    inner = inner.strip()
    caption = attributes.get("caption", "")
    if not caption:
        # Since WordPress 3.4 the caption is the text after the image, inside the shortcode.
        match = re.match(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)([\s\S]*)", inner)
        if match:
            inner, caption = match.group(1), match.group(2).strip()
    align = attributes.get("align", "alignnone")
    figcaption = f'<figcaption class="wp-caption-text">{caption}</figcaption>' if caption else ""
    return f'<figure class="wp-caption {html.escape(align)}">{inner}{figcaption}</figure>'


def _gallery(attributes: dict[str, str], images: ImageFinder | None) -> str:
    raw_ids = attributes.get("ids") or attributes.get("include") or ""
    ids = [int(n) for n in re.findall(r"\d+", raw_ids)] or None
    found = list(images(ids)) if images else []
    if not found:
        return ""
    columns = attributes.get("columns", "3")
    columns = columns if columns.isdigit() and 0 < int(columns) < 10 else "3"
    link_to_file = attributes.get("link") == "file"
    items = []
    for image in found:
        alt = html.escape(image.alt_text or "")
        url = html.escape(image.url)
        picture = f'<img src="{url}" alt="{alt}" loading="lazy">'
        if link_to_file:
            picture = f'<a href="{url}">{picture}</a>'
        caption = (
            f'<figcaption class="wp-caption-text gallery-caption">{html.escape(image.caption)}'
            "</figcaption>"
            if image.caption
            else ""
        )
        items.append(
            f'<figure class="gallery-item"><div class="gallery-icon">{picture}</div>'
            f"{caption}</figure>"
        )
    return f'<div class="gallery gallery-columns-{columns}">{"".join(items)}</div>'


def _media_link(name: str, attributes: dict[str, str], inner: str) -> str:
    """Return a link to the audio, video or page an [audio]/[video]/[embed] shortcode shows."""
    url = (
        attributes.get("src")
        or attributes.get("mp3")
        or attributes.get("mp4")
        or attributes.get("0")
        or inner.strip()
    )
    if not re.match(r"https?://", url or ""):
        return ""
    url = html.escape(url)
    return f'<p class="wp-{name}"><a href="{url}">{url}</a></p>'
