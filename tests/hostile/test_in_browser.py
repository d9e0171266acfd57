"""In Chromium: the Content-Security-Policy never blocks Byline's own pages, and payloads
stored in every field never run (no dialog opens, no script is fetched from elsewhere)."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import quote, urlsplit

import pytest
from bs4 import BeautifulSoup

from byline.platform.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

# Runs before any page script, outside the page's CSP (DevTools injects it).
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}`);
});
"""


class Watched:
    """What a tab saw: CSP reports on the console, dialogs, and requests to the attacker."""

    def __init__(self, tab):
        self.tab, self.console, self.dialogs, self.attacker = tab, [], [], []
        tab.add_init_script(WATCH)
        tab.on("console", self._console)
        tab.on("dialog", self._dialog)
        tab.on("request", self._request)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def _dialog(self, dialog):
        if dialog.type == "beforeunload":  # the editor's "leave with unsaved changes?"
            dialog.accept()
            return
        self.dialogs.append(f"{dialog.type}: {dialog.message} on {self.tab.url}")
        dialog.dismiss()

    def _request(self, request):
        # An image from elsewhere is a writer's right (img-src https:); code never is.
        host = urlsplit(request.url).hostname or ""
        if host.endswith("xss.test") and request.resource_type != "image":
            self.attacker.append(f"{request.resource_type} {request.url}")

    def violations(self) -> list[str]:
        return self.console + self.tab.evaluate("window.__violations || []")

    def visit(self, url: str):
        response = self.tab.goto(url)
        self.tab.wait_for_load_state("load")
        return response


def sign_in(tab, base: str, username: str, then: str) -> None:
    tab.goto(f"{base}/accounts/login/?next={then}")
    tab.fill("#id_login", username)
    tab.fill("#id_password", DEMO_PASSWORD)
    tab.click("form[action='/accounts/login/'] button[type=submit]")
    tab.wait_for_url(f"{base}{then}")


def first_post_with_comments(base: str) -> str:
    with urllib.request.urlopen(f"{base}/demo/", timeout=10) as answer:
        home = BeautifulSoup(answer.read(), "html.parser")
    for link in home.select("h2.entry-title a"):
        address = base + link["href"]
        with urllib.request.urlopen(address, timeout=10) as answer:
            if b'class="comment-content' in answer.read():
                return address
    raise AssertionError("no demo post on the first page has comments")


def test_no_page_type_breaks_the_content_security_policy(tab, hostile_server):
    base = hostile_server.base
    watched = Watched(tab)
    post = first_post_with_comments(base)
    for address in [f"{base}/", f"{base}/demo/", post, f"{base}/accounts/login/",
                    f"{base}/accounts/signup/", f"{base}/demo/?s=harbour"]:  # fmt: skip
        response = watched.visit(address)
        assert "default-src 'self'" in response.headers["content-security-policy"], address
        assert watched.violations() == [], address
    # A page answered from the page cache (Django's middleware, or the fast path before
    # Django) carries the same headers as the page drawn.
    answers = []
    for _ in range(3):
        with urllib.request.urlopen(post, timeout=10) as answer:
            answers.append(answer.headers)  # looked up without regard to case
    assert answers[-1].get("X-Byline-Cache") == "hit"
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options",
                 "Referrer-Policy"):  # fmt: skip
        assert answers[-1].get(name) == answers[0].get(name) is not None, name
    # The comment form's htmx (the guest's remembered name) runs under the policy too.
    watched.visit(post)
    tab.locator("#commentform").scroll_into_view_if_needed()
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("typeof htmx") == "object"
    assert tab.locator("head style").count() == 0  # htmx's indicator style is turned off
    assert watched.violations() == [], post

    sign_in(tab, base, "alice", "/dashboard/demo/posts/new/")
    tab.fill("#id_title", "A table")
    tab.fill("#id_body_markdown", "| left | right |\n|:--|--:|\n| 1 | 2 |\n\n**bold**")
    tab.locator(".live-preview td.align-right").wait_for()
    for address in [f"{base}/dashboard/", f"{base}/dashboard/demo/", f"{base}/read/",
                    f"{base}/dashboard/demo/comments/", post]:  # fmt: skip
        watched.visit(address)
        assert watched.violations() == [], address
    assert watched.dialogs == []


def test_payloads_in_every_field_never_run(tab, hostile_server):
    base = hostile_server.base
    watched = Watched(tab)
    pages = [f"{base}/hostile/", f"{base}/hostile/page/2/", f"{base}/people/mallory/",
             f"{base}/hostile/tag/t0/", f"{base}/hostile/category/c1/"]  # fmt: skip
    count = int(
        hostile_server.shell(
            "from byline.posts.models import Post; "
            "print(Post.objects.filter(blog__slug='hostile').count())"
        )
    )
    assert count >= 100
    payloads = json.loads((hostile_server.data_dir / "payloads.json").read_text())
    for address in pages:
        watched.visit(address)
        _poke(tab)
    for payload in payloads:  # the search box echoes what it was asked
        tab.goto(f"{base}/hostile/?s={quote(payload)}")
        _poke(tab)
    post_pages = _post_addresses(base, count)
    assert len(post_pages) == count
    for address in post_pages:
        watched.visit(address)
        _poke(tab)
    assert watched.dialogs == []
    assert watched.attacker == []
    # The tab still runs Byline's own scripts: the check above could not pass by accident.
    tab.goto(post_pages[0])
    assert tab.evaluate("typeof htmx") == "object"


def _post_addresses(base: str, count: int) -> list[str]:
    found = []
    page = 1
    while len(found) < count and page < 40:
        address = f"{base}/hostile/" if page == 1 else f"{base}/hostile/page/{page}/"
        with urllib.request.urlopen(address, timeout=10) as answer:
            soup = BeautifulSoup(answer.read(), "html.parser")
        found += [base + a["href"] for a in soup.select("h2.entry-title a")]
        page += 1
    return list(dict.fromkeys(found))


def _poke(tab) -> None:
    """Do what a reader does: move the mouse over the page and tab through it."""
    for y in range(50, 900, 120):
        tab.mouse.move(640, y)
    for _ in range(3):
        tab.keyboard.press("Tab")
