"""The same sign-in story with JavaScript off: the "Connecting to …" page moves the browser
on by itself, and the typed reply comes back in the form."""

from __future__ import annotations

import pytest

from tests.browser.commenting_server import first_post_path
from tests.browser.sign_in_server import sign_in_at_idp, sign_in_server_fixture  # noqa: F401

pytestmark = pytest.mark.browser


def test_without_javascript_the_reader_signs_in_and_keeps_the_reply(browser, sign_in_server):
    server, _ = sign_in_server
    path = first_post_path(server)
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    shown = []  # every page the tab showed, in order
    tab.on(
        "framenavigated", lambda frame: shown.append(frame.url) if frame == tab.main_frame else None
    )
    tab.goto(server.base + path)
    first = tab.locator(".comment").first
    name = first.locator(".comment-body").first.locator(".comment-author").inner_text()
    first.locator(".comment-reply-link").first.click()  # ?replytocom=ID#respond, no script
    tab.wait_for_url("**replytocom=*")
    tab.fill("#id_comment", "A reply typed with scripts off.")

    tab.click("button.login-openid_connect")
    sign_in_at_idp(tab)
    tab.wait_for_url(f"{server.base}{path}#respond")

    # The "Connecting to Loopback ID…" page (its words: test_sign_in_with_openid_connect.py)
    # was shown, and moved on to the provider with no script to push it.
    connecting = next(i for i, url in enumerate(shown) if "/accounts/comment-sign-in/" in url)
    assert "/o/authorize/" in shown[connecting + 1] or "/login/" in shown[connecting + 1]
    assert tab.input_value("#id_comment") == "A reply typed with scripts off."
    assert tab.inner_text("#reply-title").startswith(f"Reply to {name}")
    assert "You are commenting using your Loopback ID account." in tab.inner_text(".logged-in-as")
    tab.click("text=Post Comment")
    tab.wait_for_load_state()
    assert tab.locator(".comment .children .comment-author a", has_text="Rosa Reader").count() >= 1

    with tab.expect_navigation():
        tab.click(".logged-in-as button[form=comment-logout]")
    assert tab.url == f"{server.base}{path}#respond"
    assert tab.locator(".comment-notes").inner_text() == (
        "Fill in your details below or click an icon to log in:"
    )
    context.close()
