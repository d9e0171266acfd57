"""Read WordPress eXtended RSS (WXR) files, streaming, with a parser that refuses tricks.

A WXR file is an RSS 2.0 channel whose items carry WordPress's own fields in the `wp:`
namespace. WordPress has written three versions (1.0, 1.1, 1.2) under namespace URIs
starting with http:// or, lately, https://; prefixes may differ too, so elements are told
apart by their namespace URI, never by the prefix a file happens to use.

The file is read twice: survey() checks that the whole file is well-formed WXR and counts
what is in it, without keeping anything, so a file that breaks halfway is refused before
anything is imported; read() then yields one record at a time (Site, Author, Term, Item)
and forgets each element once read, so a 1 GB file needs no more memory than its largest
item. Both refuse entity declarations and external references with defusedxml's rules
and errors: no "billion laughs", no reading /etc/passwd through an entity. survey() runs
expat with those rules on the whole file; read() checks the prolog the same way (entities
can only be declared there) and reads the rest with ElementTree's C parser, several times
faster than the pure-Python parser defusedxml wraps, which matters for a 1 GB file.
"""

from __future__ import annotations

import pyexpat
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import ParseError, XMLPullParser

from defusedxml import DefusedXmlException

from byline.porting.xml_safety import Prolog, WXRError, explain, guarded_expat, parse_error

NAMESPACES = {
    "wp": re.compile(r"^https?://wordpress\.org/export/1\.\d+/?$"),
    "excerpt": re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/?$"),
    "content": re.compile(r"^https?://purl\.org/rss/1\.0/modules/content/?$"),
    "dc": re.compile(r"^https?://purl\.org/dc/elements/1\.1/?$"),
    "wfw": re.compile(r"^https?://wellformedweb\.org/CommentAPI/?$"),
}
SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")


# Records --------------------------------------------------------------------------------


@dataclass
class Site:
    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    pub_date: str = ""
    wxr_version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    wp_id: str = ""


@dataclass
class Term:
    """A category, tag, menu or other taxonomy term declared in the channel."""

    taxonomy: str
    slug: str
    name: str = ""
    parent: str = ""  # the parent's slug, as WordPress writes it
    description: str = ""
    wp_id: str = ""
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class ItemTerm:
    """An item's <category domain=… nicename=…>: one of its categories, tags or menus."""

    domain: str
    slug: str
    name: str


@dataclass
class Comment:
    wp_id: str = ""
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    date: str = ""
    date_gmt: str = ""
    content: str = ""
    approved: str = "1"
    type: str = ""
    parent: str = "0"
    user_id: str = "0"
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class Item:
    """A post, page, attachment, menu item or any other WordPress post type."""

    title: str = ""
    link: str = ""
    pub_date: str = ""
    creator: str = ""
    guid: str = ""
    description: str = ""
    content: str = ""
    excerpt: str = ""
    wp_id: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_modified: str = ""
    post_modified_gmt: str = ""
    comment_status: str = "open"
    ping_status: str = "open"
    slug: str = ""
    status: str = ""
    parent: str = "0"
    menu_order: str = "0"
    post_type: str = "post"
    password: str = ""
    is_sticky: str = "0"
    attachment_url: str = ""
    terms: list[ItemTerm] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)

    def term_slugs(self, domain: str) -> list[str]:
        return [t.slug for t in self.terms if t.domain == domain]

    @property
    def label(self) -> str:
        """How the summary names this item: its type, ID and title."""
        title = self.title.strip() or "(no title)"
        return f"{self.post_type} {self.wp_id or '?'} “{title[:60]}”"


Record = Site | Author | Term | Item


# Names ----------------------------------------------------------------------------------

_names: dict[str, str] = {}


def short_name(tag: str) -> str:
    """Return "wp:post_id" for "{https://wordpress.org/export/1.2/}post_id", whatever the URI."""
    name = _names.get(tag)
    if name is None:
        if tag.startswith("{"):
            uri, _, local = tag[1:].partition("}")
            prefix = next((p for p, pattern in NAMESPACES.items() if pattern.match(uri)), uri)
            name = f"{prefix}:{local}"
        else:
            name = tag
        _names[tag] = name
    return name


def _open(source: str | Path | BinaryIO):
    if isinstance(source, str | Path):
        return open(source, "rb")  # noqa: SIM115 - closed by the caller's with
    return _Borrowed(source)


class _Borrowed:
    """A file object the caller owns: rewound for reading, not closed afterwards."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream

    def __enter__(self):
        self.stream.seek(0)
        return self.stream

    def __exit__(self, *exc):
        return False


# Survey: the first pass --------------------------------------------------------------------


@dataclass
class Survey:
    """What a well-formed WXR file holds, counted without keeping any of it."""

    items: int = 0
    comments: int = 0
    post_types: Counter = field(default_factory=Counter)


class _Counter:
    """Expat handlers that only count: items, comments, and each item's post type."""

    def __init__(self, parser):
        self.parser, self.depth, self.root, self.channel = parser, 0, "", False
        self.survey = Survey()
        self.text: list[str] = []

    def start(self, tag, attrs):
        self.depth += 1
        depth = self.depth
        if depth > 4:
            return
        name = _expat_name(tag)
        if depth == 1:
            self.root = name
        elif depth == 2 and name == "channel":
            self.channel = True
        elif depth == 3 and name == "item":
            self.survey.items += 1
        elif depth == 4 and name == "wp:post_type":
            # Text is collected only here, so the rest of the file costs no Python call.
            self.text = []
            self.parser.CharacterDataHandler = self.text.append
        elif depth == 4 and name == "wp:comment":
            self.survey.comments += 1

    def end(self, tag):
        if self.parser.CharacterDataHandler is not None:
            self.parser.CharacterDataHandler = None
            self.survey.post_types["".join(self.text).strip()] += 1
        self.depth -= 1


def survey(source: str | Path | BinaryIO) -> Survey:
    """Check that the whole file is well-formed WXR and count what it holds; raise WXRError.

    Expat reads the file with only a few handlers of ours (so it runs at C speed) and with
    defusedxml's rule: any entity declaration or external reference stops it.
    """
    parser = guarded_expat()
    target = _Counter(parser)
    parser.StartElementHandler, parser.EndElementHandler = target.start, target.end
    with _open(source) as stream:
        try:
            while chunk := stream.read(1 << 20):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except pyexpat.ExpatError as error:
            raise explain(parse_error(error), None) from None
        except (DefusedXmlException, LookupError) as error:
            raise explain(error, parser.CurrentLineNumber) from None
    if target.root != "rss" or not target.channel:
        raise WXRError(
            "this is not a WordPress export: it has no <rss><channel>. In WordPress, use "
            "Tools → Export → All content, and import the file it gives you."
        )
    return target.survey


def _expat_name(tag: str) -> str:
    """Return the short name of an expat tag ("uri}local", or "local" outside any namespace)."""
    return short_name("{" + tag) if "}" in tag else tag


# Read: the second pass -------------------------------------------------------------------


def _text(element) -> str:
    return element.text or ""


def _children(element) -> Iterator[tuple[str, object]]:
    for child in element:
        yield short_name(child.tag), child


def _meta(element, key_name: str, value_name: str) -> tuple[str, str]:
    key = value = ""
    for name, child in _children(element):
        if name == key_name:
            key = _text(child).strip()
        elif name == value_name:
            value = _text(child)
    return key, value


ITEM_FIELDS = {
    "title": "title",
    "link": "link",
    "pubDate": "pub_date",
    "dc:creator": "creator",
    "description": "description",
    "content:encoded": "content",
    "excerpt:encoded": "excerpt",
    "wp:post_id": "wp_id",
    "wp:post_date": "post_date",
    "wp:post_date_gmt": "post_date_gmt",
    "wp:post_modified": "post_modified",
    "wp:post_modified_gmt": "post_modified_gmt",
    "wp:comment_status": "comment_status",
    "wp:ping_status": "ping_status",
    "wp:post_name": "slug",
    "wp:status": "status",
    "wp:post_parent": "parent",
    "wp:menu_order": "menu_order",
    "wp:post_type": "post_type",
    "wp:post_password": "password",
    "wp:is_sticky": "is_sticky",
    "wp:attachment_url": "attachment_url",
}
# Identifiers and states are trimmed; text a writer typed is kept exactly as written.
VERBATIM = {"title", "description", "content", "excerpt", "password"}

COMMENT_FIELDS = {
    "wp:comment_id": "wp_id",
    "wp:comment_author": "author",
    "wp:comment_author_email": "author_email",
    "wp:comment_author_url": "author_url",
    "wp:comment_author_IP": "author_ip",
    "wp:comment_date": "date",
    "wp:comment_date_gmt": "date_gmt",
    "wp:comment_content": "content",
    "wp:comment_approved": "approved",
    "wp:comment_type": "type",
    "wp:comment_parent": "parent",
    "wp:comment_user_id": "user_id",
}


def _item(element) -> Item:
    item = Item()
    for name, child in _children(element):
        attribute = ITEM_FIELDS.get(name)
        if attribute:
            value = _text(child)
            setattr(item, attribute, value if attribute in VERBATIM else value.strip())
        elif name == "guid":
            item.guid = _text(child).strip()
        elif name == "category":
            item.terms.append(
                ItemTerm(
                    domain=child.get("domain", "category"),
                    slug=child.get("nicename", "").strip(),
                    name=_text(child),
                )
            )
        elif name == "wp:postmeta":
            key, value = _meta(child, "wp:meta_key", "wp:meta_value")
            if key:
                item.meta.setdefault(key, value)
        elif name == "wp:comment":
            item.comments.append(_comment(child))
    return item


def _comment(element) -> Comment:
    comment = Comment()
    for name, child in _children(element):
        attribute = COMMENT_FIELDS.get(name)
        if attribute:
            value = _text(child)
            setattr(comment, attribute, value if attribute == "content" else value.strip())
        elif name == "wp:commentmeta":
            key, value = _meta(child, "wp:meta_key", "wp:meta_value")
            if key:
                comment.meta.setdefault(key, value)
    return comment


def _author(element) -> Author:
    values = {name: _text(child).strip() for name, child in _children(element)}
    return Author(
        login=values.get("wp:author_login", ""),
        email=values.get("wp:author_email", ""),
        display_name=values.get("wp:author_display_name", ""),
        first_name=values.get("wp:author_first_name", ""),
        last_name=values.get("wp:author_last_name", ""),
        wp_id=values.get("wp:author_id", ""),
    )


def _term(name: str, element) -> Term:
    values, meta = {}, {}
    for child_name, child in _children(element):
        if child_name == "wp:termmeta":
            key, value = _meta(child, "wp:meta_key", "wp:meta_value")
            if key:
                meta[key] = value
        else:
            values[child_name] = _text(child)
    if name == "wp:category":
        return Term(
            taxonomy="category",
            slug=values.get("wp:category_nicename", "").strip(),
            name=values.get("wp:cat_name", ""),
            parent=values.get("wp:category_parent", "").strip(),
            description=values.get("wp:category_description", ""),
            wp_id=values.get("wp:term_id", "").strip(),
            meta=meta,
        )
    if name == "wp:tag":
        return Term(
            taxonomy="post_tag",
            slug=values.get("wp:tag_slug", "").strip(),
            name=values.get("wp:tag_name", ""),
            description=values.get("wp:tag_description", ""),
            wp_id=values.get("wp:term_id", "").strip(),
            meta=meta,
        )
    return Term(
        taxonomy=values.get("wp:term_taxonomy", "").strip(),
        slug=values.get("wp:term_slug", "").strip(),
        name=values.get("wp:term_name", ""),
        parent=values.get("wp:term_parent", "").strip(),
        description=values.get("wp:term_description", ""),
        wp_id=values.get("wp:term_id", "").strip(),
        meta=meta,
    )


SITE_FIELDS = {
    "title": "title",
    "link": "link",
    "description": "description",
    "language": "language",
    "pubDate": "pub_date",
    "wp:wxr_version": "wxr_version",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
}


def read(source: str | Path | BinaryIO) -> Iterator[Record]:
    """Yield the file's records in order: the Site first, then authors, terms and items.

    Each element is dropped from the tree once turned into a record, so memory stays flat
    however long the file is. Raises WXRError (with the line) where the file breaks.
    """
    site, site_sent = Site(), False
    prolog, parser = Prolog(), XMLPullParser(events=("start", "end"))
    depth, channel = 0, None
    with _open(source) as stream:
        try:
            while True:
                # Small reads keep the queue of parsed events short, which costs less.
                chunk = stream.read(1 << 16)
                if chunk:
                    prolog.feed(chunk)
                    parser.feed(chunk)
                else:
                    parser.close()
                for event, element in parser.read_events():
                    if event == "start":
                        depth += 1
                        if depth == 2 and short_name(element.tag) == "channel":
                            channel = element
                        continue
                    depth -= 1
                    if depth != 2 or channel is None:
                        continue
                    name = short_name(element.tag)
                    if name in SITE_FIELDS:
                        setattr(site, SITE_FIELDS[name], _text(element).strip())
                        continue
                    if name in ("wp:author", "wp:category", "wp:tag", "wp:term", "item"):
                        if not site_sent:
                            _check_version(site)
                            site_sent = True
                            yield site
                        if name == "wp:author":
                            yield _author(element)
                        elif name == "item":
                            yield _item(element)
                        else:
                            yield _term(name, element)
                    # Forget what was read: the channel keeps no children, so memory stays flat.
                    channel.clear()
                if not chunk:
                    break
        except (ParseError, LookupError) as error:
            raise explain(error, None) from None
    if channel is None:
        raise WXRError("this is not a WordPress export: it has no <channel>.")
    if not site_sent:
        _check_version(site)
        yield site


def _check_version(site: Site) -> None:
    if not site.wxr_version:
        raise WXRError(
            "this RSS file has no <wp:wxr_version>, so it is not a WordPress export (WXR). In "
            "WordPress, use Tools → Export → All content, and import the file it gives you."
        )
    if site.wxr_version not in SUPPORTED_VERSIONS:
        raise WXRError(
            f"this file is WXR version {site.wxr_version}; Byline reads versions "
            f"{', '.join(SUPPORTED_VERSIONS)}. Export it again from WordPress."
        )
