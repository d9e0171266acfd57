"""A blog's members see its stats: views per day as a chart, posts, likes, comments, referrers."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from byline.social import following
from byline.social.models import Like, PostView
from tests.factories import BlogFactory, PostFactory, UserFactory

from .liking import parsed

ADDRESS = reverse("dashboard_social:stats", args=["demo"])


def today(blog) -> datetime.date:
    return timezone.localdate(timezone=blog.tzinfo)


def test_members_see_views_per_day_likes_comments_followers_and_referrers(
    signed_in, bob, demo_blog, post
):
    quiet = PostFactory(blog=demo_blog, title="Quiet post")
    day = today(demo_blog)
    PostView.objects.create(post=post, day=day, views=7)
    PostView.objects.create(post=post, day=day, referrer="example.org", views=3)
    PostView.objects.create(post=post, day=day - datetime.timedelta(days=2), views=5)
    PostView.objects.create(post=quiet, day=day, referrer="news.example.net", views=1)
    PostView.objects.create(post=post, day=day - datetime.timedelta(days=40), views=99)  # too old
    PostView.objects.create(post=PostFactory(blog=BlogFactory(slug="elsewhere")), day=day,
                            views=50)  # another blog's  # fmt: skip
    Like.add(UserFactory(username="fan"), post=post)
    following.follow(UserFactory(username="follower"), demo_blog)
    post.comment_count = 2
    post.save(update_fields=["comment_count"])

    page = parsed(signed_in(bob).get(ADDRESS))

    totals = [li.get_text(" ", strip=True) for li in page.select(".stats-totals li")]
    assert totals == ["16 views in the last 30 days", "1 like", "0 comments", "1 follower"]
    bars = page.select(".stats-chart-svg rect.bar")
    assert len(bars) == 30
    assert bars[-1].title.get_text() == f"{day:%B} {day.day}: 11 views"
    assert float(bars[-1]["height"]) == 160.0  # the busiest day fills the chart
    assert bars[-3].title.get_text().endswith(": 5 views")
    rows = [[td.get_text(strip=True) for td in tr.select("td")]
            for tr in page.select(".stats-posts tbody tr")]  # fmt: skip
    assert rows == [["Spring tides", "15", "1", "2"], ["Quiet post", "1", "0", "0"]]
    referrers = [li.get_text() for li in page.select(".stats-referrers li")]
    assert referrers == ["example.org: 3 views", "news.example.net: 1 view"]


def test_one_posts_views_per_day(signed_in, alice, demo_blog, post):
    other = PostFactory(blog=demo_blog)
    PostView.objects.create(post=post, day=today(demo_blog), views=4)
    PostView.objects.create(post=other, day=today(demo_blog), views=9)

    page = parsed(signed_in(alice).get(f"{ADDRESS}?post={post.pk}"))

    assert page.h1.get_text() == "Stats: Spring tides"
    assert page.select(".stats-chart-svg rect.bar")[-1].title.get_text().endswith(": 4 views")
    assert signed_in(alice).get(f"{ADDRESS}?post=999999").status_code == 404


def test_stats_are_for_members_only(guest, signed_in, charlie, demo_blog):
    assert guest.get(ADDRESS).status_code == 302  # to sign in
    assert signed_in(charlie).get(ADDRESS).status_code == 404


def test_the_dashboard_links_to_stats_and_followers(signed_in, alice, bob, demo_blog):
    links = {
        a.get_text(): a["href"]
        for a in parsed(signed_in(alice).get("/dashboard/demo/")).select(".dashboard-nav a")
    }
    assert links["Stats"] == ADDRESS
    assert links["Followers"] == reverse("dashboard_social:followers", args=["demo"])
    editor_links = [
        a.get_text()
        for a in parsed(signed_in(bob).get("/dashboard/demo/")).select(".dashboard-nav a")
    ]
    assert "Stats" in editor_links and "Followers" not in editor_links


def test_stats_queries_do_not_grow_with_posts_or_days(signed_in, alice, demo_blog, post):
    writer = signed_in(alice)

    def queries() -> int:
        writer.get(ADDRESS)
        with CaptureQueriesContext(connection) as captured:
            assert writer.get(ADDRESS).status_code == 200
        return len(captured)

    few = queries()
    for n in range(10):
        more = PostFactory(blog=demo_blog)
        for d in range(5):
            PostView.objects.create(post=more, day=today(demo_blog) - datetime.timedelta(days=d),
                                    referrer=f"site{n}.example", views=n + d)  # fmt: skip
        Like.add(UserFactory(username=f"liker{n}"), post=more)
    assert queries() == few
