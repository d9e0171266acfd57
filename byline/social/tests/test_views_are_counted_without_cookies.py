"""Post views are counted by the server itself: cached pages too, robots and members not."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from byline.pagecache.tests.reading import cache_state
from byline.social.models import PostView
from byline.social.stats import HEADER, flush_views

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 86400
    settings.PAGE_CACHE_LOCATION = str(tmp_path / "pagecache")


def visit(post, agent: str = FIREFOX, client=None, **headers):
    return (client or Client()).get(post.get_absolute_url(), HTTP_USER_AGENT=agent, **headers)


def views(post) -> dict[str, int]:
    flush_views()  # counted in memory, written in batches
    return dict(PostView.objects.filter(post=post).values_list("referrer", "views"))


def test_every_reader_counts_once_per_page_whether_drawn_or_cached(post):
    first, second, third = visit(post), visit(post), visit(post)

    assert [cache_state(r) for r in (first, second, third)] == ["miss", "hit", "hit"]
    assert views(post) == {"": 3}
    row = PostView.objects.get(post=post)
    assert row.day == timezone.localdate(timezone=post.blog.tzinfo)
    assert HEADER not in first and HEADER not in second  # the marker never leaves the server
    assert not first.cookies and not second.cookies  # and no cookie counts anyone


@pytest.mark.parametrize("agent", [
    "", "Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "python-requests/2.32",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
    "facebookexternalhit/1.1", "Mozilla/5.0 (compatible; bingbot/2.0)",
])  # fmt: skip
def test_robots_are_not_counted(post, agent):
    visit(post, agent)
    visit(post, agent)
    assert views(post) == {}


def test_prefetches_and_head_requests_are_not_counted(post):
    visit(post, HTTP_SEC_PURPOSE="prefetch")
    Client().head(post.get_absolute_url(), HTTP_USER_AGENT=FIREFOX)
    assert views(post) == {}


def test_the_blogs_own_members_are_not_counted(post, alice, charlie):
    member, outsider = Client(), Client()
    member.force_login(alice)
    outsider.force_login(charlie)
    visit(post, client=member)
    visit(post, client=outsider)
    assert views(post) == {"": 1}


def test_outside_referrers_are_counted_by_host(post):
    visit(post, HTTP_REFERER="https://www.example.org/some/page?q=1")
    visit(post, HTTP_REFERER="https://news.example.net/")
    visit(post, HTTP_REFERER="https://example.org/")
    visit(post, HTTP_REFERER="http://testserver/demo/")  # from the blog itself
    visit(post, HTTP_REFERER="not a url at all")
    assert views(post) == {"example.org": 2, "news.example.net": 1, "": 2}


def test_other_pages_are_not_counted_as_post_views(demo_blog, post):
    Client().get("/demo/", HTTP_USER_AGENT=FIREFOX)
    Client().get(f"{post.get_absolute_url()}feed/", HTTP_USER_AGENT=FIREFOX)
    assert not PostView.objects.exists()
