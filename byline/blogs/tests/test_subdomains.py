"""With BYLINE_ROOT_DOMAIN set, each blog is also served at <blog>.<root domain>."""

import pytest
from django.test import Client

from byline.posts.tests.reading import html, listed_titles
from tests.factories import PageFactory, PostFactory


@pytest.fixture
def root_domain(settings):
    settings.ROOT_DOMAIN = "byline.test"
    settings.ALLOWED_HOSTS = ["byline.test", ".byline.test", "testserver"]
    return "byline.test"


@pytest.fixture
def on_demo(root_domain):
    """A reader's browser pointed at demo.byline.test."""
    return Client(HTTP_HOST="demo.byline.test")


def test_reader_sees_the_blog_home_at_the_subdomain_root(on_demo, demo_blog):
    PostFactory(blog=demo_blog, title="First light")

    response = on_demo.get("/")

    assert response.status_code == 200
    assert html(response).select_one(".site-title").get_text(strip=True) == "Field Notes"
    assert listed_titles(response) == ["First light"]


def test_reader_opens_a_post_at_its_path_on_the_subdomain(on_demo, demo_blog):
    post = PostFactory(blog=demo_blog, title="First light")

    response = on_demo.get(f"/{post.pub_date:%Y/%m/%d}/first-light/")

    assert response.status_code == 200
    assert html(response).h1.get_text() == "First light"


def test_blog_addresses_keep_working_on_the_subdomain(on_demo, demo_blog):
    post = PostFactory(blog=demo_blog, title="First light")

    assert on_demo.get(post.get_absolute_url()).status_code == 200
    assert on_demo.get("/demo/").status_code == 200


def test_pages_archives_and_feeds_answer_on_the_subdomain(on_demo, demo_blog):
    post = PostFactory(blog=demo_blog)
    PageFactory(blog=demo_blog, title="About")

    for address in ("/about/", f"/{post.pub_date:%Y}/", "/feed/", "/page/1/", "/sitemap.xml"):
        assert on_demo.get(address).status_code == 200, address


def test_pages_past_the_end_on_the_subdomain_keep_the_blogs_look(on_demo, demo_blog):
    response = on_demo.get("/page/9/")

    assert response.status_code == 404
    assert html(response).select_one(".site-title").get_text(strip=True) == "Field Notes"


def test_robots_txt_on_the_subdomain_is_the_blogs(on_demo, demo_blog):
    body = on_demo.get("/robots.txt").content.decode()

    assert "Sitemap: http://demo.byline.test/demo/sitemap.xml" in body


def test_the_root_domain_itself_is_the_platform(root_domain, demo_blog):
    PostFactory(blog=demo_blog, title="First light")

    response = Client(HTTP_HOST="byline.test").get("/")

    assert response.status_code == 200
    assert html(response).select_one("header.site-header") is not None


def test_unknown_subdomain_is_not_found(root_domain, db):
    assert Client(HTTP_HOST="nobody.byline.test").get("/").status_code == 404


def test_without_a_root_domain_subdomains_are_not_blogs(settings, demo_blog):
    settings.ROOT_DOMAIN = ""
    settings.ALLOWED_HOSTS = [".byline.test"]

    response = Client(HTTP_HOST="demo.byline.test").get("/")

    assert html(response).select_one("header.site-header") is not None  # the platform home


def test_load_balancer_probes_answer_on_a_blogs_subdomain(on_demo, demo_blog):
    # A load balancer checks every host it routes, so /healthz is not a page of the blog.
    response = on_demo.get("/healthz")

    assert response.status_code == 200
