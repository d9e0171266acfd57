"""Turn what a commenter typed into safe HTML.

Comments are plain text: paragraphs from blank lines, line breaks kept, bare links made
clickable. The small set of tags WordPress allows in comments passes; any other tag is
shown as the text the commenter typed (escaped), never dropped silently and never
interpreted. nh3 then has the last word when the comment is stored.

The stored HTML carries the RULES it was made under (Comment.content_html_rules). A page
shows it as it is only when those are today's rules; HTML made under other rules (an older
release, a changed allowlist, a new nh3, a row written around Comment.save()) is sanitized
again as it is shown, and `byline worker` renders such rows afresh in the background
(Comment.objects.refresh_stale_html). So a page of 100 comments costs no nh3 call, and a
change of the rules still reaches every page at once.
"""

from __future__ import annotations

import hashlib
import html
import re
from importlib.metadata import version

import nh3
from linkify_it import LinkifyIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "cite", "code", "del", "em", "i", "q", "s", "strike",
    "strong", "p", "br",
}  # fmt: skip
# No `cite` on blockquote and q: nh3 does not check its URL scheme, so it could carry
# javascript:, and no browser shows it anyway.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "del": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Links in comments are the commenter's, not the blog's: search engines must not count them.
LINK_REL = "nofollow ugc noopener"

# Bump when _mark_up or render_comment change what they make of the same text; the allowlist
# and nh3's version are part of RULES already.
MARKUP_VERSION = 1


def rules_fingerprint(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, schemes=URL_SCHEMES) -> str:
    """Return a short digest of everything that decides what stored comment HTML may hold."""
    attributes = sorted((tag, sorted(names)) for tag, names in attributes.items())
    rules = (MARKUP_VERSION, sorted(tags), attributes, sorted(schemes), LINK_REL, version("nh3"))
    return hashlib.sha256(repr(rules).encode()).hexdigest()[:16]


RULES = rules_fingerprint()

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*)>")
_linkify = LinkifyIt()
# Every link linkify finds has a scheme, an @ or a dot between letters; prose without any of
# them skips linkify, whose match() costs a few hundred microseconds (a WordPress import
# renders 100,000 comments).
_MAYBE_LINK = re.compile(r"://|@|\w\.[^\W\d_]{2}")


def sanitize(html_text: str) -> str:
    """Return comment HTML with everything outside the comment allowlist removed."""
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )


def _linkify_text(text: str) -> str:
    """Escape plain text and turn the bare URLs in it into links."""
    matches = (_linkify.match(text) if _MAYBE_LINK.search(text) else None) or []
    out, position = [], 0
    for match in matches:
        out.append(html.escape(text[position : match.index], quote=False))
        url = match.url
        if not url.lower().startswith(("http://", "https://", "mailto:")):
            out.append(html.escape(match.raw, quote=False))
        else:
            out.append(f'<a href="{html.escape(url)}">{html.escape(match.raw, quote=False)}</a>')
        position = match.last_index
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


def _mark_up(text: str) -> str:
    """Keep allowed tags, escape every other tag, and linkify text outside links."""
    out, position, inside_link = [], 0, 0
    for tag in _TAG.finditer(text):
        chunk = text[position : tag.start()]
        out.append(html.escape(chunk, quote=False) if inside_link else _linkify_text(chunk))
        closing, name = tag.group(1), tag.group(2).lower()
        if name in ALLOWED_TAGS - {"p", "br"}:
            out.append(tag.group(0))
            if name == "a":
                inside_link = max(0, inside_link + (-1 if closing else 1))
        else:
            out.append(html.escape(tag.group(0), quote=False))
        position = tag.end()
    tail = text[position:]
    out.append(html.escape(tail, quote=False) if inside_link else _linkify_text(tail))
    return "".join(out)


def render_comment(text: str) -> str:
    """Return the safe HTML for a comment as typed."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    body = "".join(f"<p>{_mark_up(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return sanitize(body)


def link_count(text: str) -> int:
    """Return how many links a comment holds, typed as tags or as bare URLs."""
    bare = _TAG.sub(" ", text or "")
    found = _linkify.match(bare) if _MAYBE_LINK.search(bare) else None  # as in _linkify_text
    return len(re.findall(r"<a\s", text or "", re.IGNORECASE)) + len(found or [])
