"""An administrator builds the blog's header menu: pages, categories and links, in order."""

from __future__ import annotations

from byline.blogs.models import MenuItem
from byline.dashboard.tests.writing import errors_on, parsed, url
from tests.factories import CategoryFactory, PageFactory


def header_links(client, blog) -> list[str]:
    client.logout()
    page = parsed(client.get(blog.get_absolute_url()))
    return [a.get_text(strip=True) for a in page.select(".blog-menu > ul > li > a")]


def test_alice_adds_a_page_a_category_and_a_link_then_reorders(signed_in, alice, demo_blog):
    about = PageFactory(blog=demo_blog, title="About")
    walks = CategoryFactory(blog=demo_blog, name="Walks")
    client = signed_in(alice)
    client.post(url("menus", demo_blog), {"page": about.pk})
    client.post(url("menus", demo_blog), {"category": walks.pk, "label": "All walks"})
    client.post(url("menus", demo_blog), {"url": "https://maps.example/", "label": "Maps"})
    items = {item.title: item for item in MenuItem.objects.all()}
    client.post(url("menu_order", demo_blog), {f"order-{items['Maps'].pk}": "0"})

    assert header_links(client, demo_blog) == ["Maps", "About", "All walks"]


def test_a_script_address_is_refused(signed_in, alice, demo_blog):
    client = signed_in(alice)

    refused = client.post(url("menus", demo_blog), {"url": "javascript:alert(1)", "label": "X"})

    assert refused.status_code == 400
    assert "Use a web address" in errors_on(refused)["url"][0]
    assert not MenuItem.objects.exists()


def test_removing_a_link_takes_it_off_the_header(signed_in, alice, demo_blog):
    client = signed_in(alice)
    client.post(url("menus", demo_blog), {"url": "/demo/2024/", "label": "2024"})
    client.post(url("menus", demo_blog), {"url": "mailto:alice@example.test", "label": "Write"})
    first = MenuItem.objects.get(label="2024")

    client.post(url("menu_remove", demo_blog, pk=first.pk))

    assert header_links(client, demo_blog) == ["Write"]


def test_only_administrators_edit_menus(signed_in, bob, demo_blog):
    client = signed_in(bob)
    assert client.get(url("menus", demo_blog)).status_code == 404
    assert client.post(url("menus", demo_blog), {"url": "/x/", "label": "x"}).status_code == 404
    assert not MenuItem.objects.exists()
