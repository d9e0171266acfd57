"""The comment form's sign-in story in Chromium: click an icon with a comment half typed,
sign in at a real OpenID Connect provider, come back to it, post it; Log Out; Change."""

from __future__ import annotations

import pytest

from tests.browser.commenting_server import first_post_path
from tests.browser.sign_in_server import (  # noqa: F401
    DEMO_PASSWORD,
    sign_in_at_idp,
    sign_in_server_fixture,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def signed_in_with_loopback(tab, server, path: str, text: str) -> None:
    tab.goto(server.base + path)
    tab.fill("#id_comment", text)
    tab.click("button.login-openid_connect")
    sign_in_at_idp(tab)
    tab.wait_for_url(f"{server.base}{path}#respond")


def test_reader_signs_in_at_the_provider_and_finds_their_comment_waiting(tab, sign_in_server):
    server, provider = sign_in_server
    path = first_post_path(server)
    tab.goto(server.base + path)
    assert tab.inner_text("#commentform .comment-notes") == (
        "Fill in your details below or click an icon to log in:"
    )
    tab.fill("#id_comment", "Typed before signing in, kept through it.")

    tab.click("button.login-openid_connect")
    sign_in_at_idp(tab)
    tab.wait_for_url(f"{server.base}{path}#respond")
    assert tab.input_value("#id_comment") == "Typed before signing in, kept through it."
    assert tab.inner_text(".logged-in-as").strip() == (
        "You are commenting using your Loopback ID account. (Log Out / Change)"
    )
    tab.click("text=Post Comment")
    tab.wait_for_load_state()

    mine = tab.locator(".comment", has_text="Typed before signing in, kept through it.").last
    author = mine.locator(".comment-author a")
    assert author.inner_text() == "Rosa Reader"
    assert author.get_attribute("href") == "/people/rosa/"

    with tab.expect_navigation():
        tab.click(".logged-in-as button[form=comment-logout]")
    assert tab.url == f"{server.base}{path}#respond"
    assert tab.locator(".logged-in-as").count() == 0
    assert tab.locator("button.login-openid_connect").is_visible()


def test_the_clicked_icon_says_connecting_while_the_browser_moves_on(tab, sign_in_server):
    server, _ = sign_in_server
    tab.goto(server.base + first_post_path(server))
    # Hold the page where it is, to read the button as the reader sees it in that moment.
    tab.evaluate("document.getElementById('commentform')"
                 ".addEventListener('submit', (event) => event.preventDefault())")  # fmt: skip

    tab.click("button.login-openid_connect")

    tab.wait_for_selector(".login-openid_connect.connecting")
    assert tab.inner_text(".login-openid_connect .login-icon-label") == "Connecting to Loopback ID…"
    assert tab.get_attribute(".login-openid_connect", "aria-busy") == "true"


def test_change_signs_out_and_shows_the_icons_with_the_comment_kept(tab, sign_in_server):
    server, _ = sign_in_server
    path = first_post_path(server)
    signed_in_with_loopback(tab, server, path, "")

    tab.fill("#id_comment", "On second thought, as someone else.")
    with tab.expect_navigation():
        tab.click(".logged-in-as button.sign-in-change")
    assert tab.url == f"{server.base}{path}#respond"

    assert tab.locator(".logged-in-as").count() == 0
    assert tab.locator(".login-icons .login-icon-label").all_inner_texts()[:2] == [
        "Log in with Byline",
        "Log in with Loopback ID",
    ]  # fmt: skip
    assert tab.input_value("#id_comment") == "On second thought, as someone else."


def test_byline_icon_signs_in_with_a_byline_account_and_keeps_the_reply(tab, sign_in_server):
    server, _ = sign_in_server
    path = first_post_path(server)
    tab.goto(server.base + path)
    first = tab.locator(".comment").first
    first_id = first.get_attribute("id")
    first.locator(".comment-reply-link").first.click()  # the script moves the form under it
    tab.fill("#id_comment", "A reply from the blog's owner.")

    tab.click("button.login-byline")
    tab.fill("#id_login", "alice")
    tab.fill("#id_password", DEMO_PASSWORD)
    tab.click("form[action='/accounts/login/'] button[type=submit]")
    tab.wait_for_url(f"{server.base}{path}#respond")

    notice = tab.inner_text(".logged-in-as").strip()
    assert notice.startswith("You are commenting using your Byline account.")
    assert tab.input_value("#id_comment") == "A reply from the blog's owner."
    assert tab.inner_text("#reply-title").startswith("Reply to ")
    tab.click("text=Post Comment")
    tab.wait_for_load_state()
    reply = tab.locator(f"#{first_id} .children .comment", has_text="A reply from the blog").last
    assert reply.locator(".comment-badge").inner_text() == "Author"
