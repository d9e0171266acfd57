"""What a post page tells search engines and link previews: canonical URL, Open Graph,
Twitter card and schema.org BlogPosting as JSON-LD."""

import datetime
import json

import pytest

from byline.posts.tests.reading import html
from tests.factories import PageFactory, PostFactory, TagFactory

WHEN = datetime.datetime(2026, 3, 14, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def post(demo_blog):
    post = PostFactory(
        blog=demo_blog, title="Fog over the bay", excerpt="Grey, then gold.", published_at=WHEN
    )
    post.tags.add(TagFactory(blog=demo_blog, name="fog"))
    return post


def meta(page, **attrs) -> str:
    return page.find("meta", attrs=attrs)["content"]


def json_ld(page) -> dict:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_post_page_names_its_canonical_address(guest, post):
    page = html(guest.get(post.get_absolute_url()))

    canonical = page.select('link[rel="canonical"]')
    assert [c["href"] for c in canonical] == ["http://testserver/demo/2026/03/14/fog-over-the-bay/"]


def test_post_page_describes_itself_for_link_previews(guest, post):
    page = html(guest.get(post.get_absolute_url()))

    url = "http://testserver/demo/2026/03/14/fog-over-the-bay/"
    assert meta(page, property="og:type") == "article"
    assert meta(page, property="og:title") == "Fog over the bay"
    assert meta(page, property="og:description") == "Grey, then gold."
    assert meta(page, property="og:url") == url
    assert meta(page, property="og:site_name") == "Field Notes"
    assert meta(page, property="article:published_time") == "2026-03-14T09:30:00+00:00"
    assert meta(page, name="twitter:card") == "summary"
    assert meta(page, name="twitter:title") == "Fog over the bay"
    assert meta(page, name="description") == "Grey, then gold."


def test_post_page_carries_a_blog_posting_for_search_engines(guest, post):
    data = json_ld(html(guest.get(post.get_absolute_url())))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Fog over the bay"
    assert datetime.datetime.fromisoformat(data["datePublished"]) == WHEN
    assert data["author"] == {
        "@type": "Person",
        "name": "Alice Moreau",
        "url": "http://testserver/demo/author/alice/",
    }
    assert data["url"] == "http://testserver/demo/2026/03/14/fog-over-the-bay/"
    assert data["publisher"]["name"] == "Field Notes"
    assert data["keywords"] == ["fog"]


def test_a_title_cannot_break_out_of_the_json_ld_script(guest, demo_blog):
    title = "</script><script>alert(1)</script> & <!-- more"
    post = PostFactory(blog=demo_blog, title=title, excerpt="</script><b>x</b>")

    response = guest.get(post.get_absolute_url())

    assert b"<script>alert(1)" not in response.content
    page = html(response)
    inline = [s.get("type") for s in page.find_all("script") if not s.get("src")]
    assert inline == ["application/ld+json"]
    data = json_ld(page)
    assert data["headline"] == title
    assert data["description"] == "</script><b>x</b>"
    assert page.h1.get_text() == title
    assert meta(page, property="og:title") == title


def test_a_page_describes_itself_as_a_web_page(guest, demo_blog):
    PageFactory(blog=demo_blog, title="About")

    page = html(guest.get("/demo/about/"))

    assert json_ld(page)["@type"] == "WebPage"
    assert meta(page, property="og:type") == "website"
    assert page.select_one('link[rel="canonical"]')["href"] == "http://testserver/demo/about/"


def test_listing_pages_name_their_canonical_address(guest, post):
    page = html(guest.get("/demo/"))

    assert page.select_one('link[rel="canonical"]')["href"] == "http://testserver/demo/"
