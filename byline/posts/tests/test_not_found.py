"""Bad addresses below a blog give the blog's own 404 page; an unknown blog gives the platform's."""

import pytest

from byline.posts.tests.reading import html
from tests.factories import CategoryFactory, PostFactory


@pytest.mark.parametrize(
    "address",
    [
        "/demo/2026/13/",  # no 13th month
        "/demo/2026/00/",  # no month zero
        "/demo/2026/01/00/",  # no day zero
        "/demo/2026/00/page/2/",
        "/demo/2026/02/30/",  # no February 30th
        "/demo/0000/",  # no year zero
        "/demo/1999/",  # a year without posts
        "/demo/2026/01/02/no-such-post/",
        "/demo/no-such-page/",
        "/demo/about/no-such-child/",
        "/demo/page/99/",
        "/demo/page/0/",
        "/demo/category/no-such-category/",
        "/demo/tag/no-such-tag/",
        "/demo/author/nobody/",
        "/demo/category/no-such-category/feed/",
        "/demo/tag/no-such-tag/feed/atom/",
    ],
)
def test_guest_gets_the_blogs_not_found_page(guest, demo_blog, address):
    PostFactory(blog=demo_blog, title="Something")

    response = guest.get(address)

    assert response.status_code == 404
    page = html(response)
    assert page.select_one("header.blog-header .site-title").get_text(strip=True) == "Field Notes"
    assert page.title.get_text() == "Page not found – Field Notes"
    assert page.find("a", string="Blog at Byline.")["href"] == "/"


def test_unknown_blog_gets_the_platforms_not_found_page(guest, db):
    response = guest.get("/no-such-blog/")

    assert response.status_code == 404
    page = html(response)
    assert page.select_one("header.blog-header") is None
    assert page.select_one("header.site-header .site-title").get_text(strip=True) == "Byline"


def test_category_archive_of_another_blog_is_not_found_here(guest, demo_blog):
    CategoryFactory(name="Elsewhere")

    assert guest.get("/demo/category/elsewhere/").status_code == 404
