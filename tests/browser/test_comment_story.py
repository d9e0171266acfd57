"""A guest's whole comment story, through a real server and a real browser."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from tests.browser.commenting_server import (
    OPEN_DEMO_BLOG,
    SERVER_ENV,
    FormSession,
    comment_stats,
    first_post_path,
)  # fmt: skip
from tests.hostile.xss_payloads import PAYLOADS
from tests.servers import byline_server, fresh_postgres_database

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def comment_server(tmp_path_factory):
    """A server of its own (two workers), on a fresh PostgreSQL database in the PostgreSQL pass."""
    data_dir = tmp_path_factory.mktemp("comment-server")
    if os.environ.get("DATABASE_URL"):
        with fresh_postgres_database(os.environ["DATABASE_URL"]) as url:
            with byline_server(data_dir, database_url=url, extra_env=SERVER_ENV, workers=2) as s:
                yield s
    else:
        with byline_server(data_dir, extra_env=SERVER_ENV, workers=2) as s:
            yield s


# Not a browser test: concurrent writes, which each database serialises its own way.
@pytest.mark.pass_database
def test_fifty_comments_posted_at_once_are_each_stored_once(comment_server):
    path = first_post_path(comment_server)
    comment_server.shell(OPEN_DEMO_BLOG)
    before = comment_stats(comment_server, path)["count"]
    sessions = [FormSession(comment_server.base, path) for _ in range(50)]
    import time

    time.sleep(1.2)  # as long as a quick human, so none is taken for a bot

    def send(n: int):
        return sessions[n].post(author=f"Reader {n}", email=f"reader{n}@example.test",
                                comment=f"Concurrent comment number {n}")  # fmt: skip

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(send, range(50)))

    assert [status for status, _ in results] == [303] * 50
    stats = comment_stats(comment_server, path)
    ours = [text for text, _ in stats["rows"] if text.startswith("Concurrent comment number")]
    assert sorted(ours) == sorted(f"Concurrent comment number {n}" for n in range(50))
    assert stats["count"] == before + 50


def test_guest_comments_waits_for_approval_then_replies_in_thread(comment_server, browser):
    path = first_post_path(comment_server, "kitchen-table")  # a blog with WordPress's rules
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(comment_server.base + path)
    page.fill("#id_comment", "The fog in the second photo is wonderful.")
    page.fill("#id_email", "story@example.test")
    page.fill("#id_author", "Story Teller")
    page.fill("#id_url", "https://story.example")
    page.check("#id_remember")
    page.wait_for_timeout(1100)
    page.click("text=Post Comment")
    page.wait_for_load_state()

    held = page.locator(".comment-held")
    assert "Your comment is awaiting moderation." in held.inner_text()
    comment_id = held.get_attribute("id").removeprefix("comment-")
    comment_server.shell(
        "from byline.comments.models import Comment\n"
        f"Comment.objects.get(pk={comment_id}).set_status('approved')"
    )

    page.goto(comment_server.base + path)  # a plain visit: the comment is public now
    mine = page.locator(f"#comment-{comment_id}")
    assert "The fog in the second photo" in mine.inner_text()
    assert mine.locator(".comment-author a").get_attribute("href") == "https://story.example"

    # Remembered, with consent: the page came from the page cache, the same for everyone, and
    # the form fills itself in from /fragments/reader/ once it comes into view (htmx).
    page.locator("#commentform").scroll_into_view_if_needed()
    expect(page.locator("#id_author")).to_have_value("Story Teller")
    mine.locator(".comment-reply-link").click()  # the script moves the form under it
    assert page.locator(f"#comment-{comment_id} > #respond").count() == 1
    assert page.locator("#reply-title").inner_text().startswith("Reply to Story Teller")
    page.fill("#id_comment", "And a reply to myself.")
    page.wait_for_timeout(1100)
    page.click("text=Post Comment")
    page.wait_for_load_state()

    reply = page.locator(f"#comment-{comment_id} > ol.children > li.comment").last
    assert "And a reply to myself." in reply.inner_text()
    context.close()


def test_reply_without_javascript_uses_replytocom(comment_server, browser):
    path = first_post_path(comment_server)
    comment_server.shell(OPEN_DEMO_BLOG)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(comment_server.base + path)
    page.fill("#id_comment", "A top-level note, no JavaScript.")
    page.fill("#id_email", "nojs@example.test")
    page.fill("#id_author", "No Script")
    page.wait_for_timeout(1100)
    page.click("text=Post Comment")
    page.wait_for_load_state()
    top = page.locator(".comment", has_text="A top-level note, no JavaScript.").first
    top_id = top.get_attribute("id")

    top.locator(".comment-reply-link").first.click()
    assert "replytocom=" in page.url
    assert page.locator("#reply-title").inner_text().startswith("Reply to No Script")
    page.fill("#id_comment", "Replying the old way.")
    page.fill("#id_email", "nojs@example.test")
    page.fill("#id_author", "No Script")
    page.wait_for_timeout(1100)
    page.click("text=Post Comment")
    page.wait_for_load_state()

    assert page.locator(f"#{top_id} > ol.children", has_text="Replying the old way.").count() == 1
    context.close()


def test_hostile_comments_run_no_script_in_the_browser(comment_server, browser):
    path = first_post_path(comment_server)
    comment_server.shell(OPEN_DEMO_BLOG)
    session = FormSession(comment_server.base, path)
    import time

    time.sleep(1.1)
    for n, payload in enumerate(PAYLOADS):
        status, _ = session.post(author=payload[:200], email=f"xss{n}@example.test",
                                 comment=payload)  # fmt: skip
        assert status == 303, payload

    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script("window.__ran = []; window.alert = (m) => window.__ran.push(m);")
    page.goto(comment_server.base + path)
    page.wait_for_load_state("load")
    page.mouse.move(10, 10)
    for link in page.locator(".comment-content a").all()[:20]:
        link.hover()
    assert page.locator(".comment-content").count() >= len(PAYLOADS)
    assert dialogs == []
    assert page.evaluate("window.__ran") == []
    context.close()
