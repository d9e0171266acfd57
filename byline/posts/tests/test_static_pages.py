"""Static pages live at /<blog>/<slug>/, nested pages at /<blog>/<parent>/<child>/."""

from byline.posts.models import Post
from byline.posts.tests.reading import html
from tests.factories import PageFactory


def test_reader_opens_a_page_at_its_own_address(guest, demo_blog):
    PageFactory(blog=demo_blog, title="About", body_markdown="Who writes *here*.")

    response = guest.get("/demo/about/")

    assert response.status_code == 200
    page = html(response)
    assert page.h1.get_text() == "About"
    assert page.select_one(".entry-content em").get_text() == "here"
    assert page.select_one(".entry-meta time") is None  # pages carry no date
    assert page.find("a", string="Blog at Byline.")["href"] == "/"


def test_reader_opens_a_nested_page_below_its_parent(guest, demo_blog):
    about = PageFactory(blog=demo_blog, title="About")
    PageFactory(blog=demo_blog, title="Team", parent=about)

    response = guest.get("/demo/about/team/")

    assert response.status_code == 200
    assert html(response).h1.get_text() == "Team"
    assert guest.get("/demo/team/").status_code == 404


def test_renaming_a_parent_page_moves_its_children(guest, demo_blog):
    about = PageFactory(blog=demo_blog, title="About")
    team = PageFactory(blog=demo_blog, title="Team", parent=about)
    PageFactory(blog=demo_blog, title="Alice", parent=team)

    about.slug = "who-we-are"
    about.save()

    assert guest.get("/demo/who-we-are/team/").status_code == 200
    assert guest.get("/demo/who-we-are/team/alice/").status_code == 200
    assert guest.get("/demo/about/team/").status_code == 404


def test_top_level_pages_appear_in_the_blog_menu(guest, demo_blog):
    about = PageFactory(blog=demo_blog, title="About")
    PageFactory(blog=demo_blog, title="Team", parent=about)
    PageFactory(blog=demo_blog, title="Unfinished", status=Post.Status.DRAFT)

    menu = html(guest.get("/demo/")).select_one("nav.blog-menu")

    assert [a.get_text() for a in menu.select("a")] == ["Home", "About"]
    assert menu.find("a", string="About")["href"] == "/demo/about/"


def test_two_pages_under_different_parents_may_share_a_slug(guest, demo_blog):
    PageFactory(blog=demo_blog, title="Contact", parent=PageFactory(blog=demo_blog, title="Shop"))
    PageFactory(blog=demo_blog, title="Contact", parent=PageFactory(blog=demo_blog, title="Press"))

    assert guest.get("/demo/shop/contact/").status_code == 200
    assert guest.get("/demo/press/contact/").status_code == 200
