"""A blog with a header menu shows it, nested, instead of its list of pages."""

from __future__ import annotations

from bs4 import BeautifulSoup

from byline.blogs.models import Menu, MenuItem
from byline.posts.models import Post
from tests.factories import CategoryFactory, PageFactory


def menu_of(response):
    return BeautifulSoup(response.content, "html.parser").select_one("nav.blog-menu")


def test_the_header_menu_replaces_the_pages_and_nests_its_items(demo_blog, guest):
    about = PageFactory(blog=demo_blog, title="About")
    PageFactory(blog=demo_blog, title="Hidden plans", status=Post.Status.DRAFT)
    walks = CategoryFactory(blog=demo_blog, name="Walks", slug="walks")
    menu = Menu.objects.create(blog=demo_blog, name="Main", slug="main", location="header")
    top = MenuItem.objects.create(menu=menu, order=1, label="Start", url="/demo/")
    MenuItem.objects.create(menu=menu, order=2, post=about)
    MenuItem.objects.create(menu=menu, order=1, parent=top, category=walks, label="")
    MenuItem.objects.create(menu=menu, order=3, label="Elsewhere", url="https://elsewhere.example/",
                            new_tab=True)  # fmt: skip
    MenuItem.objects.create(menu=menu, order=4, post=Post.objects.get(title="Hidden plans"))

    nav = menu_of(guest.get("/demo/"))

    top_level = [li.a.get_text() for li in nav.select(":scope > ul > li")]
    assert top_level == ["Start", "About", "Elsewhere"]  # no Home link, no draft
    assert [a.get_text() for a in nav.select(".sub-menu a")] == ["Walks"]
    assert nav.find("a", string="Walks")["href"] == "/demo/category/walks/"
    assert nav.find("a", string="Elsewhere")["target"] == "_blank"


def test_a_blog_without_a_header_menu_lists_its_pages(demo_blog, guest):
    PageFactory(blog=demo_blog, title="About")
    Menu.objects.create(blog=demo_blog, name="Footer", slug="footer")

    nav = menu_of(guest.get("/demo/"))

    assert [a.get_text() for a in nav.select("a")] == ["Home", "About"]


def test_the_imported_theme_menu_is_in_the_header(theme_blog, guest):
    nav = menu_of(guest.get("/theme/"))

    assert [li.a.get_text() for li in nav.select(":scope > ul > li")][:2] == ["Pages", "Categories"]
    assert nav.find("a", string="Level 10") is not None
