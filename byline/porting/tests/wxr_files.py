"""WordPress exports for the tests: the theme unit test data, and small files made to order."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from byline.porting import wxr
from byline.porting.wxr_writer import WXRWriter
from tests.support import need

REPO = Path(__file__).resolve().parents[3]
THEME_UNIT_TEST_DATA = (
    REPO.parent / "shared" / "fixtures" / "wxr" / "themeunittestdata.wordpress.xml"
)
SITE = "https://old.example"


def theme_unit_test_data() -> Path:
    """Return WordPress's theme unit test export, or skip (fail under CI=true) without it."""
    need(
        "../shared/fixtures/wxr/themeunittestdata.wordpress.xml",
        THEME_UNIT_TEST_DATA.is_file(),
        "the WordPress theme unit test export lives in the shared folder beside the repository",
    )
    return THEME_UNIT_TEST_DATA


def site(**fields) -> wxr.Site:
    return wxr.Site(**{"title": "Old Blog", "link": SITE, "wxr_version": "1.2",
                       "base_site_url": SITE, "base_blog_url": SITE, **fields})  # fmt: skip


def post(wp_id: int, **fields) -> wxr.Item:
    """Return a published post item dated 2015-01-27 14:56 GMT, with any field replaced."""
    values = {
        "title": f"Post {wp_id}",
        "link": f"{SITE}/2015/01/27/post-{wp_id}/",
        "creator": "editor",
        "guid": f"{SITE}/?p={wp_id}",
        "content": f"<p>Body of post {wp_id}.</p>",
        "wp_id": str(wp_id),
        "post_date": "2015-01-27 06:56:57",
        "post_date_gmt": "2015-01-27 14:56:57",
        "slug": f"post-{wp_id}",
        "status": "publish",
        "post_type": "post",
    }
    values.update(fields)
    return wxr.Item(**values)


def comment(wp_id: int, **fields) -> wxr.Comment:
    values = {
        "wp_id": str(wp_id),
        "author": f"Reader {wp_id}",
        "author_email": f"reader{wp_id}@example.com",
        "date": "2015-01-28 02:00:00",
        "date_gmt": "2015-01-28 10:00:00",
        "content": f"Comment {wp_id}.",
        "approved": "1",
    }
    values.update(fields)
    return wxr.Comment(**values)


def document(*items: wxr.Item, authors=None, terms=(), site_fields=None) -> bytes:
    """Return a WXR file holding these records, as WordPress would write it."""
    out = io.StringIO()
    writer = WXRWriter(out)
    writer.start(site(**(site_fields or {})))
    for author in (
        authors if authors is not None else [wxr.Author("editor", "ed@example.com", "Ed")]
    ):
        writer.author(author)
    for term in terms:
        writer.term(term)
    for item in items:
        writer.item(item)
    writer.end()
    return out.getvalue().encode()


def write(tmp_path: Path, content: bytes | str, name: str = "export.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


@pytest.fixture
def theme_file() -> Path:
    return theme_unit_test_data()
