"""axe-core finds no serious or critical problem on the dashboard's pages, nor on a blog in
either theme (the light serif one and the dark one)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.writing_server import (  # noqa: F401 - the fixtures
    sign_in,
    tab_fixture,
    writing_server_fixture,
)

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
DASHBOARD = [
    "/dashboard/",
    "/dashboard/new/",
    "/dashboard/demo/",
    "/dashboard/demo/posts/",
    "/dashboard/demo/posts/?status=draft",
    "/dashboard/demo/posts/new/",
    "{post}",
    "{post}revisions/",
    "/dashboard/demo/pages/",
    "/dashboard/demo/media/",
    "/dashboard/demo/settings/",
    "/dashboard/demo/menus/",
    "/dashboard/demo/members/",
]
SET_THEME = """
from byline.blogs.models import Blog
blog = Blog.objects.get(slug="demo")
blog.theme = "{theme}"
blog.save()
"""


@pytest.fixture(scope="module")
def axe():
    return Axe()


def commented_post(server) -> str:
    return server.shell(
        "from byline.posts.models import Post\n"
        "p = Post.objects.filter(blog__slug='demo', comment_count__gt=0).published()"
        ".order_by('-comment_count').first()\n"
        "print(p.get_absolute_url())"
    ).strip()


def problems(axe, tab) -> str:
    results = axe.run(tab)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    return "".join(results.generate_report(v["id"]) for v in blocking)


def test_dashboard_pages_have_no_serious_accessibility_violations(tab, writing_server, axe):
    server = writing_server
    post = server.shell(
        "from byline.posts.models import Post\n"
        "p = Post.objects.filter(blog__slug='demo', status='published').first()\n"
        "print(f'/dashboard/demo/posts/{p.pk}/')"
    ).strip()
    sign_in(tab, server)
    found = {}
    for address in DASHBOARD:
        tab.goto(server.base + address.format(post=post))
        report = problems(axe, tab)
        if report:
            found[address] = report
    assert not found, "\n".join(f"{address}:\n{report}" for address, report in found.items())


@pytest.mark.parametrize("theme", ["serif", "dark"])
def test_both_themes_have_no_serious_accessibility_violations(theme, tab, writing_server, axe):
    server = writing_server
    server.shell(SET_THEME.format(theme=theme))
    try:
        tab.goto(f"{server.base}/demo/")
        sheets = tab.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => l.href)")
        assert any("themes/dark" in href for href in sheets) == (theme == "dark")
        found = {"blog home": problems(axe, tab)}
        tab.goto(server.base + commented_post(server))  # comments, badges, the reply form
        found["post"] = problems(axe, tab)
        tab.goto(f"{server.base}/demo/about/")
        found["page"] = problems(axe, tab)
    finally:
        server.shell(SET_THEME.format(theme="serif"))
    failing = {kind: report for kind, report in found.items() if report}
    assert not failing, "\n".join(f"{kind}:\n{report}" for kind, report in failing.items())
