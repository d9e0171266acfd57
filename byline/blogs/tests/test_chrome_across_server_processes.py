"""What one `byline serve` keeps of a blog's pages (blogs/chrome.py) follows a change made by
another process at once: the tokens are in the shared store, not in each process.

The page cache is off, as in bench/app_speed.py: then the chrome has tokens of its own."""

from __future__ import annotations

import urllib.request

from bs4 import BeautifulSoup

from tests.servers import byline_server

FIND_POST = """
from byline.posts.models import Post
post = Post.objects.published().posts().filter(comment_status="open").select_related("blog").first()
print(post.get_absolute_url())
"""

ADD_LINK = """
from byline.blogs.models import Blog, Menu, MenuItem
from byline.pagecache import blog_changed
blog = Blog.objects.get(slug={slug!r})
menu = Menu.objects.create(blog=blog, name="Header", slug="header", location="header")
MenuItem.objects.create(menu=menu, url="/elsewhere/", label="Across processes")
blog_changed(blog.slug)  # as the dashboard's menu page does
"""

ADD_PROVIDER = """
from allauth.socialaccount.models import SocialApp
SocialApp.objects.create(provider="openid_connect", provider_id="acme", name="Acme ID",
                         client_id="abc", secret="xyz",
                         settings={"server_url": "https://id.acme.test"})
"""


def page(url: str) -> BeautifulSoup:
    with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 - loopback
        return BeautifulSoup(answer.read().decode(), "html.parser")


def test_a_menu_or_provider_changed_elsewhere_shows_on_the_next_page(tmp_path):
    env = {"BYLINE_PAGE_CACHE_SECONDS": "0"}
    with byline_server(tmp_path, extra_env=env) as server:
        path = server.shell(FIND_POST).strip()
        slug = path.strip("/").split("/")[0]
        before = page(server.base + path)  # read and kept by the server
        assert before.find("a", string="Across processes") is None
        assert before.select_one(".login-icons button[value=acme]") is None
        assert page(server.base + path).find("a", string="Across processes") is None

        server.shell(ADD_LINK.format(slug=slug))
        after = page(server.base + path)
        links = [a.get_text() for a in after.select("nav.blog-menu a")]
        assert links == ["Across processes"]

        server.shell(ADD_PROVIDER)
        assert page(server.base + path).select_one(".login-icons button[value=acme]")
