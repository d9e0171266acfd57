"""Alice writes a post in the dashboard with its live preview, publishes it, and reads it on
her blog: a real server, a real Chromium, the demo's own password."""

from __future__ import annotations

import re

import pytest

from tests.browser.writing_server import (  # noqa: F401 - the fixtures
    sign_in,
    tab_fixture,
    writing_server_fixture,
)

pytestmark = pytest.mark.browser


def test_alice_writes_with_the_live_preview_publishes_and_reads_it(tab, writing_server):
    server = writing_server
    sign_in(tab, server)
    card = tab.locator(".blog-card", has_text="Field Notes")
    card.get_by_role("link", name="Write a post").click()
    tab.wait_for_url("**/dashboard/demo/posts/new/")

    tab.fill("#id_title", "A pier in the fog")
    tab.locator("#id_body_markdown").press_sequentially(
        "The *fog* rolled in.\n\n## On the pier\n\nGulls, waiting.", delay=5
    )
    # The live preview renders on the server, as the blog will.
    preview = tab.locator("#preview-content")
    preview.locator("h2", has_text="On the pier").wait_for()
    assert preview.locator("em").inner_text() == "fog"

    tab.select_option("#id_status", "published")
    tab.fill("#id_tag_names", "fog, harbour")
    tab.click("button.save-button")
    tab.wait_for_url(re.compile(r".*/dashboard/demo/posts/[0-9]+/$"))
    assert "Post published." in tab.inner_text(".messages")

    tab.get_by_role("link", name="View post").click()
    assert tab.inner_text("h1.entry-title") == "A pier in the fog"
    assert tab.locator(".entry-content em").inner_text() == "fog"
    tab.goto(f"{server.base}/demo/")
    assert tab.locator("h2.entry-title", has_text="A pier in the fog").count() == 1


def test_the_editor_autosaves_a_new_draft_and_warns_before_leaving(tab, writing_server):
    server = writing_server
    sign_in(tab, server)
    tab.goto(f"{server.base}/dashboard/demo/posts/new/")
    tab.fill("#id_title", "Notes for later")
    tab.fill("#id_body_markdown", "Half a thought.")

    # Autosave runs every ten seconds: the draft exists, and the address is the draft's own.
    tab.wait_for_url(re.compile(r".*/dashboard/demo/posts/[0-9]+/$"), timeout=20_000)
    assert "Draft saved at" in tab.inner_text("#autosave-status")
    found = server.shell(
        "from byline.posts.models import Post\n"
        "p = Post.objects.get(title='Notes for later')\nprint(p.status, p.body_markdown)"
    )
    assert found.strip() == "draft Half a thought."

    tab.fill("#id_excerpt", "Not saved yet.")
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    tab.get_by_role("link", name="View the blog").click()  # dismissed: the editor stays
    tab.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert tab.input_value("#id_excerpt") == "Not saved yet."
