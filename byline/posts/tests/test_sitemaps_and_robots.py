"""sitemap.xml and robots.txt, for the platform and for each blog."""

from xml.dom import minidom

from byline.posts.tests.reading import ago
from tests.factories import BlogFactory, PageFactory, PostFactory

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def locations(response) -> list[str]:
    assert response.status_code == 200
    document = minidom.parseString(response.content)  # noqa: S318 - our own output
    return [node.firstChild.data for node in document.getElementsByTagNameNS(SITEMAP_NS, "loc")]


def test_platform_sitemap_index_points_to_its_sections(guest, demo_blog):
    assert locations(guest.get("/sitemap.xml")) == [
        "http://testserver/sitemap-blogs.xml",
        "http://testserver/sitemap-posts.xml",
    ]


def test_platform_sitemap_lists_every_blog(guest, demo_blog):
    BlogFactory(slug="kitchen-table")

    found = locations(guest.get("/sitemap-blogs.xml"))

    assert sorted(found) == ["http://testserver/demo/", "http://testserver/kitchen-table/"]


def test_platform_sitemap_lists_public_posts_and_pages_of_all_blogs(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    page = PageFactory(blog=demo_blog, title="About")
    elsewhere = PostFactory()

    found = locations(guest.get("/sitemap-posts.xml"))

    assert sorted(found) == sorted(
        f"http://testserver{p.get_absolute_url()}" for p in (post, page, elsewhere)
    )


def test_blog_sitemap_lists_only_that_blogs_posts(guest, demo_blog):
    post = PostFactory(blog=demo_blog, published_at=ago(days=2))
    PostFactory()

    assert locations(guest.get("/demo/sitemap.xml")) == [
        f"http://testserver{post.get_absolute_url()}"
    ]


def test_platform_robots_txt_allows_reading_and_points_to_the_sitemap(guest, db):
    response = guest.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_blog_robots_txt_points_to_the_blogs_sitemap(guest, demo_blog):
    response = guest.get("/demo/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/demo/sitemap.xml" in lines


def test_sitemap_of_an_unknown_blog_is_not_found(guest, db):
    assert guest.get("/nowhere/sitemap.xml").status_code == 404
    assert guest.get("/nowhere/robots.txt").status_code == 404
