"""An administrator changes the blog's settings: its name, its reading options, its theme and
its comment rules, and readers see the change."""

from __future__ import annotations

from byline.blogs.models import Blog
from byline.comments.models import DiscussionSettings
from byline.dashboard.tests.writing import errors_on, form_data, parsed, url
from tests.factories import PostFactory


def test_alice_renames_her_blog_and_picks_the_dark_theme(signed_in, alice, guest, demo_blog):
    client = signed_in(alice)
    data = form_data(client.get(url("settings", demo_blog)), form_id="settings")
    data.update({"blog-title": "Field Notes at Night", "blog-theme": "dark",
                 "blog-posts_per_page": "5", "blog-home_shows": "full"})  # fmt: skip

    assert client.post(url("settings", demo_blog), data).status_code == 303

    blog = Blog.objects.get()
    assert (blog.title, blog.theme, blog.posts_per_page, blog.home_shows) == (
        "Field Notes at Night", "dark", 5, "full")  # fmt: skip
    guest.logout()
    home = parsed(guest.get(blog.get_absolute_url()))
    assert home.select_one(".site-title").text == "Field Notes at Night"
    assert any("themes/dark" in link["href"] for link in home.select("link[rel=stylesheet]"))


def test_the_serif_theme_loads_no_extra_stylesheet(guest, demo_blog):
    PostFactory(blog=demo_blog)
    home = parsed(guest.get(demo_blog.get_absolute_url()))
    assert [link["href"] for link in home.select("link[rel=stylesheet]")] == [
        "/static/byline/byline.css"
    ]


def test_comment_rules_are_saved_with_the_settings(signed_in, alice, demo_blog):
    client = signed_in(alice)
    data = form_data(client.get(url("settings", demo_blog)), form_id="settings")
    data["discussion-hold_all"] = "on"
    data["discussion-close_after_days"] = "30"
    data["discussion-blocked_words"] = "casino\nlottery"

    client.post(url("settings", demo_blog), data)

    rules = DiscussionSettings.objects.get(blog=demo_blog)
    assert rules.hold_all and rules.close_after_days == 30
    assert rules.blocked_list == ["casino", "lottery"]


def test_bad_settings_are_refused_with_a_message_and_nothing_saved(signed_in, alice, demo_blog):
    client = signed_in(alice)
    data = form_data(client.get(url("settings", demo_blog)), form_id="settings")
    data.update({"blog-title": "Renamed", "blog-posts_per_page": "0",
                 "blog-time_zone": "Mars/Olympus"})  # fmt: skip

    refused = client.post(url("settings", demo_blog), data)

    assert refused.status_code == 400
    errors = errors_on(refused)
    assert errors["posts_per_page"] == ["Show between 1 and 100 posts per page."]
    assert "time_zone" in errors
    assert Blog.objects.get().title == "Field Notes"
    assert parsed(refused).select_one("#id_blog-title")["value"] == "Renamed"


def test_editors_do_not_see_the_settings(signed_in, bob, demo_blog):
    client = signed_in(bob)
    assert client.get(url("settings", demo_blog)).status_code == 404
    nav = parsed(client.get(url("blog", demo_blog))).select_one(".dashboard-nav")
    assert "Settings" not in nav.text
