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
import secrets
from collections.abc import Callable, Sequence
from typing import Protocol
from urllib.parse import unquote, urlsplit


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


def to_html(source: str, images: ImageFinder | None = None, players: Players | None = None) -> str:
    """Return the HTML WordPress shows for this post content (not yet sanitized).

    With `players`, audio, video and embeds become placeholders in it, and their HTML
    goes into `players`, for with_players() to put in once the rest is sanitized.
    Without, they become plain links.
    """
    text = (source or "").replace("\r\n", "\n").replace("\r", "\n")
    blocks = has_blocks(text)
    text = _BLOCK_COMMENT.sub("", text)
    text = _MORE.sub("", text)
    if blocks:
        text = _embed_blocks(text, players)
    else:
        text = autop(text)
        text = _unautop_shortcodes(text)
        text = _link_lone_urls(text, players)
    return expand_shortcodes(text, images, players)


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


def _link_lone_urls(text: str, players: Players | None = None) -> str:
    """Link a URL alone in its paragraph, where WordPress would embed the page it names.

    A YouTube or Vimeo address becomes a link card (see _embed), others a plain link.
    """

    def lone(match: re.Match) -> str:
        url = match.group(1)
        if players is not None and provider(url) in VIDEO_SITES:
            return players.add(_embed_card(url))
        return f'<p><a href="{url}">{url}</a></p>'

    return _LONE_URL.sub(lone, text)


# The block editor's embed block, once its comments are gone: the address inside a wrapper.
_EMBED_BLOCK = re.compile(
    r'<figure class="wp-block-embed[^"]*"[^>]*>\s*<div class="wp-block-embed__wrapper">\s*'
    r"(https?://[^\s<>\"']+)\s*</div>([\s\S]*?)</figure>"
)


def _caption_after(markup: str) -> str:
    """Return a block's figcaption as a paragraph, to follow what replaced the block."""
    caption = re.search(r"<figcaption[^>]*>([\s\S]*?)</figcaption>", markup)
    return f"<p>{caption.group(1)}</p>" if caption else ""


# The block editor's audio and video blocks: the browser's own player in a figure.
_MEDIA_BLOCK = re.compile(
    r'<figure class="wp-block-(audio|video)[^"]*"[^>]*>\s*<\1\b([^>]*)>[\s\S]*?</\1>'
    r"([\s\S]*?)</figure>"
)


def _embed_blocks(text: str, players: Players | None) -> str:
    """Turn the block editor's embeds into link cards, its audio and video into players."""
    if players is not None:
        text = _MEDIA_BLOCK.sub(
            lambda m: (
                _player(m.group(1), shortcode_attributes(m.group(2)), "", players)
                + _caption_after(m.group(3))
            ),
            text,
        )

    def embed(match: re.Match) -> str:
        url = match.group(1)
        after = _caption_after(match.group(2))
        if players is None:
            return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>{after}'
        return players.add(_embed_card(url)) + after

    return _EMBED_BLOCK.sub(embed, text)


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


def expand_shortcodes(
    text: str, images: ImageFinder | None = None, players: Players | None = None
) -> str:
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
        if players is not None and name in ("audio", "video", "embed"):
            return _player(name, attributes, inner, players)
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


# Audio, video and embeds -----------------------------------------------------------------
# WordPress shows [audio] and [video] with its own player and turns a YouTube or Vimeo
# address into that site's player in an iframe. Byline shows the browser's own
# <audio controls> and <video controls>, which load nothing until the reader presses play
# (preload="none"), and shows an embed as a link card: no frame, script or request to
# another host when the page loads. The post allowlist keeps <audio>, <video> and frames
# out of what writers type; these are made here, from an address checked to be http(s),
# and put in after sanitizing (with_players), so only this code ever writes them.

VIDEO_SITES = {"YouTube", "Vimeo"}
_PROVIDERS = {
    "youtube.com": "YouTube", "youtu.be": "YouTube", "youtube-nocookie.com": "YouTube",
    "vimeo.com": "Vimeo",
}  # fmt: skip
_MEDIA_SOURCES = {
    "audio": ("src", "mp3", "m4a", "ogg", "oga", "wav", "wma", "flac"),
    "video": ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov"),
}


class Players(dict):
    """The HTML of the players and cards of one post, by the placeholder standing for each."""

    def __init__(self):
        super().__init__()
        # Unguessable, so text a writer typed can never stand for a player.
        self.nonce = secrets.token_hex(8)

    def add(self, markup: str) -> str:
        """Keep the markup; return the placeholder paragraph to put in the HTML for now."""
        token = f"byline-player-{self.nonce}-{len(self)}"
        self[token] = markup
        return f"<p>{token}</p>"


def with_players(cleaned: str, players: Players) -> str:
    """Return sanitized HTML with each placeholder replaced by its player or card."""
    for token, markup in players.items():
        cleaned = cleaned.replace(f"<p>{token}</p>", markup).replace(token, markup)
    return cleaned


def provider(url: str) -> str:
    """Return the name of the site an address belongs to (YouTube, Vimeo) or its host."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")
    return _PROVIDERS.get(host, host)


def _checked(url: str) -> str:
    url = (url or "").strip()
    return url if re.match(r"https?://[^\s<>\"']+$", url) else ""


def _player(name: str, attributes: dict[str, str], inner: str, players: Players) -> str:
    if name == "embed":
        url = _checked(inner) or _checked(attributes.get("src", ""))
        return players.add(_embed_card(url)) if url else ""
    keys = _MEDIA_SOURCES[name]
    url = next((_checked(attributes.get(k, "")) for k in keys if _checked(attributes.get(k, ""))),
               _checked(attributes.get("0", "")) or _checked(inner))  # fmt: skip
    if not url:
        return ""
    src = html.escape(url)
    size = "".join(
        f' {k}="{attributes[k]}"' for k in ("width", "height") if attributes.get(k, "").isdigit()
    )
    loop = " loop" if attributes.get("loop") in ("on", "1", "true") else ""
    name_shown = html.escape(unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or url)
    return players.add(
        f'<figure class="wp-{name}">'
        f'<{name} controls preload="none" src="{src}"{size}{loop}></{name}>'
        # The file itself, for a reader whose browser cannot play it here.
        f'<figcaption><a href="{src}">{name_shown}</a></figcaption></figure>'
    )


def _embed_card(url: str) -> str:
    """Return a link card for an embedded page: where it is, and a plain link to it."""
    src = html.escape(url)
    site = html.escape(provider(url))
    shown = html.escape(re.sub(r"^https?://(www\.)?", "", url))
    action = "Watch on " if provider(url) in VIDEO_SITES else ""
    return (
        f'<figure class="wp-embed"><a class="embed-card" href="{src}">'
        f'<span class="embed-card-site">{action}{site}</span> '
        f'<span class="embed-card-address">{shown}</span></a></figure>'
    )
