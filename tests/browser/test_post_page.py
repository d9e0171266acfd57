"""A reader opens a demo post in Chromium: its title, the platform footer, and "Up ↑"."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def post_title(page, server):
    """Open the blog home, follow its first post link as a reader would; return the title."""
    page.goto(f"{server}/demo/")
    first = page.locator("h2.entry-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/demo/\d{4}/\d{2}/\d{2}/[\w-]+/$"))
    return title


def test_reader_sees_the_post_title_as_heading_and_in_the_tab(page, post_title):
    assert page.locator("h1").inner_text() == post_title
    assert page.title() == f"{post_title} – Field Notes"


def test_footer_says_blog_at_byline_and_leads_to_the_platform_home(page, post_title, server):
    footer_link = page.locator("footer").get_by_role("link", name="Blog at Byline.")
    assert footer_link.is_visible()
    footer_link.click()
    page.wait_for_url(f"{server}/")
    assert page.locator("h1").inner_text() == "Write. Be read."


def test_up_link_scrolls_back_to_the_top(page, post_title):
    page.set_viewport_size({"width": 1280, "height": 500})  # make sure the post scrolls
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("() => window.scrollY > 0")  # a function: the CSP refuses eval

    page.get_by_role("link", name="Up ↑").click()

    # The theme scrolls smoothly, so the top is reached a moment after the click.
    page.wait_for_function("() => window.scrollY === 0")
    assert page.locator("h1").is_visible()


def test_post_shows_its_author_date_and_terms(page, post_title):
    meta = page.locator("article .entry-meta")
    assert meta.locator("time").get_attribute("datetime")
    assert meta.get_by_role("link").first.get_attribute("rel") == "author"
    assert page.locator("article .entry-terms a[rel~=category]").count() >= 1
    assert page.locator("article .entry-terms a[rel=tag]").count() >= 1
