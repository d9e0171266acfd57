"""A reader moves around a demo blog in Chromium: home, pagination, archives, search, feeds."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def published_dates(page) -> list[str]:
    return page.locator("article.entry .entry-meta time").evaluate_all(
        "times => times.map(t => t.getAttribute('datetime'))"
    )


def test_blog_home_shows_the_sticky_post_first_then_newest_first(page, server):
    page.goto(f"{server}/demo/")
    assert page.title() == "Field Notes"
    assert "sticky" in page.locator("article.entry").first.get_attribute("class").split()
    rest = published_dates(page)[1:]
    assert rest == sorted(rest, reverse=True)


def test_reader_pages_back_to_older_posts(page, server):
    page.goto(f"{server}/demo/")
    links = "h2.entry-title a"
    first_page = set(page.locator(links).evaluate_all("as => as.map(a => a.href)"))
    page.get_by_role("link", name="← Older posts").click()
    page.wait_for_url(f"{server}/demo/page/2/")
    assert page.locator("article.entry").count() >= 1
    assert first_page.isdisjoint(page.locator(links).evaluate_all("as => as.map(a => a.href)"))


def test_category_link_opens_that_categorys_archive(page, demo_pages):
    page.goto(demo_pages["post"])
    category = page.locator("article a[rel~=category]").first
    name = category.inner_text()
    category.click()
    page.wait_for_url("**/category/**")
    assert name in page.locator("h1").inner_text()
    assert page.locator("article.entry").count() >= 1


def test_year_archive_lists_only_that_years_posts(page, demo_pages):
    page.goto(demo_pages["year archive"])
    year = demo_pages["year archive"].rstrip("/").rsplit("/", 1)[1]
    assert year in page.locator("h1").inner_text()
    dates = published_dates(page)
    assert dates and all(d.startswith(year) for d in dates)


def test_reader_searches_from_the_search_box(page, server):
    page.goto(f"{server}/demo/")
    page.get_by_role("searchbox", name="Search this blog").fill("harbour")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/demo/?s=harbour")
    assert page.get_by_role("searchbox").input_value() == "harbour"
    assert page.locator("article.entry").count() >= 1


def test_search_without_matches_says_so(page, server):
    page.goto(f"{server}/demo/")
    page.get_by_role("searchbox", name="Search this blog").fill("zeppelin")
    page.keyboard.press("Enter")
    page.wait_for_url("**/demo/?s=zeppelin")
    assert page.locator("article.entry").count() == 0
    assert "nothing matched" in page.locator("main").inner_text()


def test_head_announces_the_blogs_feeds(page, demo_pages):
    page.goto(demo_pages["post"])
    feeds = page.locator("head link[rel=alternate]")
    types = feeds.evaluate_all("links => links.map(l => l.type)")
    assert {"application/rss+xml", "application/atom+xml"} <= set(types)
    for href in feeds.evaluate_all("links => links.map(l => l.href)"):
        response = page.request.get(href)
        assert response.ok, href
        assert "xml" in response.headers["content-type"]
