"""Strangers' comments carry every well-known XSS payload, and the page stays inert."""

import time

import pytest
import time_machine

from byline.comments.models import Comment, DiscussionSettings
from tests.factories import PostFactory
from tests.hostile.inertness import parse, problems_in
from tests.hostile.xss_payloads import PAYLOADS

from .commenting import form_fields


def test_corpus_has_at_least_fifty_payloads():
    assert len(set(PAYLOADS)) >= 50


@pytest.fixture
def open_blog(demo_blog):
    DiscussionSettings.objects.create(
        blog=demo_blog, hold_first_comment=False, hold_link_count=99, threads_per_page=500
    )
    return demo_blog


def test_payloads_in_text_name_and_website_are_stored_and_rendered_inert(
    guest, open_blog, settings
):
    settings.BYLINE_COMMENT_RATE = (1000, 60)
    post = PostFactory(blog=open_blog)
    form = form_fields(guest.get(post.get_absolute_url()))
    with time_machine.travel(time.time() + 10, tick=False):
        for n, payload in enumerate(PAYLOADS):
            typed = {"author": payload[:245], "email": f"x{n}@example.test",
                     "url": f"https://ok.test/{n}", "comment": f"{n}: {payload}"}  # fmt: skip
            response = guest.post(post.get_absolute_url(), {**form, **typed})
            assert response.status_code == 303, payload
            # The website field takes URLs only: a script there is refused, never stored.
            typed = {"author": "W", "email": f"w{n}@example.test", "url": payload,
                     "comment": f"w{n}"}  # fmt: skip
            if guest.post(post.get_absolute_url(), {**form, **typed}).status_code == 303:
                stored = Comment.objects.get(content=f"w{n}").author_url
                assert stored.startswith(("http://", "https://")), stored

    assert Comment.objects.filter(status="approved").count() >= len(PAYLOADS)
    page = parse(guest.get(post.get_absolute_url()).content)
    written = page.select(".comment-content, .comment-author")
    assert len(written) >= 2 * len(PAYLOADS)
    assert [p for part in written for p in problems_in(part)] == []
    # The page's own scripts are the JSON-LD data block and the reply helper, nothing else.
    scripts = [(s.get("type"), s.get("src", "")) for s in page.find_all("script")]
    assert all(t == "application/ld+json" or src.endswith(".js") for t, src in scripts)
    assert sum(1 for t, _ in scripts if t == "application/ld+json") == 1


def test_payloads_stay_inert_in_the_comment_feeds(guest, open_blog):
    post = PostFactory(blog=open_blog)
    for payload in PAYLOADS:
        Comment.objects.create(post=post, author_name=payload[:245], content=payload,
                               status="approved")  # fmt: skip
    for address in ("/demo/comments/feed/", f"{post.get_absolute_url()}feed/"):
        import feedparser

        feed = feedparser.parse(guest.get(address).content)
        for entry in feed.entries:
            assert problems_in(parse(entry.summary)) == [], entry.summary
