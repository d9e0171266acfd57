"""Property tests (hypothesis): what strangers send never crashes Byline and never runs.

- the Markdown renderer and both sanitizer wrappers (posts, comments): any input comes out
  inert, and cleaning clean output changes nothing;
- the permalink router: any path under a blog answers, never with a server error;
- the WXR reader: any file, random or a real export mutated, is read or refused with the
  reader's own WXRError, never another exception.

Each property is bounded (100 examples, no deadline) so the suite's time stays flat.
byline/porting/tests/test_properties.py checks that what a valid file holds is imported.
"""

from __future__ import annotations

import io

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byline.comments import rendering as comment_rendering
from byline.porting import wxr
from byline.porting.tests.wxr_files import comment, document, post
from byline.posts import rendering
from tests.factories import PostFactory
from tests.hostile.inertness import parse, problems_in
from tests.hostile.xss_payloads import DANGEROUS_TAGS, PAYLOADS, POST_BODY_TAGS

BOUNDED = settings(max_examples=100, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow])  # fmt: skip

# Pieces of markup attacks are made of, for hypothesis to assemble and break apart.
TAGS = sorted(DANGEROUS_TAGS | POST_BODY_TAGS | {"a", "p", "div", "span", "table", "td", "img"})
ATTRIBUTES = ["href", "src", "onerror", "onclick", "style", "srcdoc", "formaction", "xlink:href",
              "data-hx-get", "hx-on:click", "class", "title", "action", "background"]  # fmt: skip
VALUES = st.sampled_from(["javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:x",
                          "data:text/html,<script>alert(1)</script>", "alert(1)", "x",
                          "https://ok.test/", "text-align:right", "vbscript:x", "//xss.test",
                          "\"><script>alert(1)</script>", "java\tscript:alert(1)"])  # fmt: skip


@st.composite
def markup(draw) -> str:
    """HTML-ish text: tags with hostile attributes, nested, broken, mixed with Markdown."""
    parts = draw(st.lists(st.one_of(
        st.builds(lambda t, a, v, close: f"<{t} {a}=\"{v}\">" + (f"</{t}>" if close else ""),
                  st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES), VALUES, st.booleans()),
        st.builds(lambda a, v: f"[x]({v})" if a else f"![x]({v})", st.booleans(), VALUES),
        st.sampled_from(PAYLOADS),
        st.sampled_from(["<", ">", "</", "<!--", "-->", "<![CDATA[", "]]>", "`", "```\n",
                         "\n\n", "|a|b|\n|:-|-:|\n", "&", "&#", "\x0b", "\u2028", "*", "> "]),
        st.text(max_size=20),
    ), max_size=12))  # fmt: skip
    return "".join(parts)


def still_inert(sanitize, html: str, allow) -> bool:
    """Return whether clean output, parsed and cleaned again, is still inert.

    Output is not always a fixed point (an <a> inside an <a> is re-nested by the HTML
    parser), so what matters is that no second parse, as a browser's or a feed reader's
    would be, turns it into something that runs (mutation XSS).
    """
    again = sanitize(html)
    return all(problems_in(parse(x), allow=allow) == [] for x in (again, sanitize(again)))


@BOUNDED
@given(markup())
def test_markdown_renders_anything_inert(source):
    html = rendering.render_markdown(source)
    assert problems_in(parse(html), allow=POST_BODY_TAGS) == []
    # problems_in counts a style attribute too: the CSP would refuse it (cells use classes).
    assert still_inert(rendering.sanitize, html, POST_BODY_TAGS)


@BOUNDED
@given(markup())
def test_the_post_sanitizer_and_wordpress_renderer_leave_nothing_that_runs(source):
    for html in (rendering.sanitize(source), rendering.render_wordpress_html(source)):
        assert problems_in(parse(html), allow=POST_BODY_TAGS) == []
        assert still_inert(rendering.sanitize, html, POST_BODY_TAGS)


@BOUNDED
@given(markup())
def test_the_comment_sanitizer_leaves_nothing_that_runs(source):
    html = comment_rendering.sanitize(source)
    assert problems_in(parse(html)) == []
    assert still_inert(comment_rendering.sanitize, html, frozenset())


SEGMENT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"), max_size=12),
    st.sampled_from(["2015", "01", "27", "00", "13", "9999", "page", "2", "0", "-1", "feed",
                     "atom", "category", "tag", "author", "comment-page-1", "comment-page-0",
                     "..", ".", "%2e%2e", "%00", "%", "%ff", "~", "a" * 300, "p?", "amp;"]),
)  # fmt: skip


@pytest.fixture
def known_post(demo_blog):
    """A post for the router to find (made once: hypothesis reuses a test's fixtures)."""
    return PostFactory(blog=demo_blog, slug="known")


@BOUNDED
@given(st.lists(SEGMENT, max_size=7), st.booleans())
def test_the_permalink_router_never_fails_on_any_path(known_post, segments, trailing):
    path = "/demo/" + "/".join(segments) + ("/" if trailing else "")
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code < 500, (path, response.status_code)


PIECES = [b"<", b">", b"&", b"&lol;", b"<!DOCTYPE x [", b"]]>", b"<![CDATA[", b"\xff\xfe",
          b"<item>", b"</channel>", b'<?xml version="1.0" encoding="x"?>', b"\x00"]  # fmt: skip
VALID = document(post(1, content="<p>Hello</p>"), post(2, comments=[comment(1)]))


@st.composite
def mutated(draw) -> bytes:
    """A real export with a few bytes changed, cut short, or spliced with XML pieces."""
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            piece = draw(st.sampled_from(PIECES))
            data[at:at] = piece
        elif data:
            del data[at : at + draw(st.integers(1, 50))]
    return bytes(data)


def read_all(data: bytes) -> None:
    try:
        list(wxr.read(io.BytesIO(data)))
    except wxr.WXRError as refusal:
        assert str(refusal).strip()  # a refusal says why


@BOUNDED
@given(mutated())
def test_the_wxr_reader_reads_or_refuses_a_mutated_export(data):
    read_all(data)


@BOUNDED
@given(st.binary(max_size=2000))
def test_the_wxr_reader_refuses_random_bytes_with_its_own_error(data):
    read_all(data)


def test_the_unmutated_export_reads_whole():
    records = list(wxr.read(io.BytesIO(VALID)))
    assert sum(isinstance(r, wxr.Item) for r in records) == 2
