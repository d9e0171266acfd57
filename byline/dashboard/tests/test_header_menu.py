"""An administrator builds the blog's header menu: pages, categories and links, in order."""

from __future__ import annotations

from byline.blogs.models import MenuItem
from byline.dashboard.tests.writing import errors_on, messages_on, parsed, url
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


def test_alice_places_links_under_another_and_the_header_nests_them(signed_in, alice, demo_blog):
    about = PageFactory(blog=demo_blog, title="About")
    team = PageFactory(blog=demo_blog, title="Team", parent=about)
    client = signed_in(alice)
    client.post(url("menus", demo_blog), {"page": about.pk})
    parent = MenuItem.objects.get()
    form = parsed(client.get(url("menus", demo_blog))).select_one("#menu-item-form")
    assert [o.get_text() for o in form.select("#id_parent option")] == [
        "At the top level", "Under “About”"]  # fmt: skip

    added = client.post(url("menus", demo_blog), {"page": team.pk, "parent": parent.pk},
                        follow=True)  # fmt: skip
    under_team = MenuItem.objects.get(post=team).pk
    client.post(url("menus", demo_blog), {"url": "/demo/team/#join", "label": "Join us",
                                          "parent": under_team})  # fmt: skip
    client.post(url("menus", demo_blog), {"url": "https://maps.example/", "label": "Maps"})

    assert "Added under “About”." in messages_on(added)
    table = parsed(client.get(url("menus", demo_blog))).select_one("table.menu-items")
    rows = table.select("tbody td:first-child")
    assert [row.get_text(" ", strip=True) for row in rows] == [
        "About", "— Team (under “About”)", "— — Join us (under “Team”)", "Maps"]  # fmt: skip
    assert header_links(client, demo_blog) == ["About", "Maps"]
    page = parsed(client.get(demo_blog.get_absolute_url()))
    about_item = page.select_one(".blog-menu > ul > li")
    submenu = about_item.select_one(":scope > ul.sub-menu")
    assert [a.get_text() for a in submenu.select(":scope > li > a")] == ["Team"]
    assert [a.get_text() for a in submenu.select("ul.sub-menu ul.sub-menu > li > a")] == ["Join us"]


def test_removing_a_link_removes_the_links_under_it(signed_in, alice, demo_blog):
    client = signed_in(alice)
    client.post(url("menus", demo_blog), {"url": "/demo/a/", "label": "Places"})
    places = MenuItem.objects.get()
    client.post(url("menus", demo_blog), {"url": "/demo/b/", "label": "Harbours",
                                          "parent": places.pk})  # fmt: skip

    removed = client.post(url("menu_remove", demo_blog, pk=places.pk), follow=True)

    assert "“Places”, with the links under it, removed from the menu." in messages_on(removed)
    assert not MenuItem.objects.exists()


def test_a_parent_from_another_blogs_menu_is_refused(signed_in, alice, olga, demo_blog):
    from byline.blogs.models import Blog, Menu

    kitchen = Menu.objects.create(blog=Blog.objects.get(slug="kitchen"), name="Header",
                                  slug="header", location=Menu.Location.HEADER)  # fmt: skip
    theirs = MenuItem.objects.create(menu=kitchen, url="/kitchen/", label="Kitchen")
    client = signed_in(alice)

    refused = client.post(url("menus", demo_blog),
                          {"url": "/demo/x/", "label": "Mine", "parent": theirs.pk})  # fmt: skip

    assert refused.status_code == 400
    assert "Select a valid choice" in errors_on(refused)["parent"][0]
    assert parsed(refused).select_one("#id_label")["value"] == "Mine"
    assert MenuItem.objects.count() == 1
