"""RSS 2.0 and Atom feeds of a blog, its categories and its tags, read by real feed parsers."""

from xml.dom import minidom

import feedparser
import pytest

from byline.blogs.models import Blog
from byline.posts.tests.reading import ago, html
from tests.factories import CategoryFactory, PostFactory, TagFactory

FEEDS = [
    ("/demo/feed/", "rss20", "Field Notes"),
    ("/demo/feed/atom/", "atom10", "Field Notes"),
    ("/demo/category/walks/feed/", "rss20", "Field Notes » Walks"),
    ("/demo/category/walks/feed/atom/", "atom10", "Field Notes » Walks"),
    ("/demo/category/walks/coast/feed/", "rss20", "Field Notes » Coast"),
    ("/demo/tag/rain/feed/", "rss20", "Field Notes » rain"),
    ("/demo/tag/rain/feed/atom/", "atom10", "Field Notes » rain"),
]


@pytest.fixture
def writing(demo_blog):
    walks = CategoryFactory(blog=demo_blog, name="Walks")
    coast = CategoryFactory(blog=demo_blog, name="Coast", parent=walks)
    rain = TagFactory(blog=demo_blog, name="rain")
    older = PostFactory(
        blog=demo_blog, title="Tides & <b>timetables</b>", published_at=ago(days=2),
        body_markdown="Low water at *noon*, with an ampersand & a <script>x</script>.",
    )  # fmt: skip
    newer = PostFactory(blog=demo_blog, title="Coast path", published_at=ago(days=1))
    for post in (older, newer):
        post.categories.add(coast)
        post.tags.add(rain)
    return [newer, older]


@pytest.mark.parametrize(("address", "version", "title"), FEEDS)
def test_feed_readers_parse_every_feed_cleanly(guest, writing, address, version, title):
    response = guest.get(address)

    assert response.status_code == 200
    minidom.parseString(response.content)  # noqa: S318 - our own output; raises unless well-formed
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.title == title
    assert [entry.title for entry in feed.entries] == ["Coast path", "Tides & <b>timetables</b>"]
    for entry, post in zip(feed.entries, writing, strict=True):
        assert entry.link == f"http://testserver{post.get_absolute_url()}"
        assert entry.published_parsed[:6] == post.published_at.utctimetuple()[:6]
        assert entry.author == "Alice Moreau"


def test_blog_feed_lists_the_posts_of_the_blog_only(guest, writing):
    PostFactory(title="Somebody else's post")

    feed = feedparser.parse(guest.get("/demo/feed/").content)

    assert [e.title for e in feed.entries] == ["Coast path", "Tides & <b>timetables</b>"]
    assert feed.feed.link == "http://testserver/demo/"


@pytest.mark.parametrize("address", [a for a, _, _ in FEEDS if "/category/" in a or "/tag/" in a])
def test_category_and_tag_feeds_leave_out_other_posts(guest, writing, address):
    PostFactory(blog=writing[0].blog, title="Off topic", published_at=ago(hours=1))

    feed = feedparser.parse(guest.get(address).content)

    assert "Off topic" not in [e.title for e in feed.entries]


def test_feed_items_carry_their_categories_and_tags(guest, writing):
    feed = feedparser.parse(guest.get("/demo/feed/atom/").content)

    assert {t.term for t in feed.entries[1].tags} == {"Coast", "rain"}


def test_feed_carries_the_excerpt_or_the_full_text_as_the_blog_chooses(guest, demo_blog):
    PostFactory(blog=demo_blog, excerpt="Teaser.", body_markdown="The *whole* story.")

    teaser = feedparser.parse(guest.get("/demo/feed/").content).entries[0].summary
    demo_blog.home_shows = Blog.HomeShows.FULL
    demo_blog.save()
    whole = feedparser.parse(guest.get("/demo/feed/").content).entries[0].summary

    assert teaser == "Teaser."
    assert whole == "<p>The <em>whole</em> story.</p>"


def test_feed_is_cut_to_the_newest_ten_posts(guest, demo_blog):
    for n in range(12):
        PostFactory(blog=demo_blog, title=f"Note {n}", published_at=ago(days=n + 1))

    feed = feedparser.parse(guest.get("/demo/feed/").content)

    assert [e.title for e in feed.entries] == [f"Note {n}" for n in range(10)]


def test_an_empty_blog_still_has_a_valid_feed(guest, demo_blog):
    for address in ("/demo/feed/", "/demo/feed/atom/"):
        feed = feedparser.parse(guest.get(address).content)
        assert feed.bozo == 0
        assert feed.entries == []


@pytest.mark.parametrize("address", ["/demo/", "/demo/2026/", "/demo/tag/rain/", "POST"])
def test_blog_pages_announce_the_blogs_feeds(guest, writing, address):
    if address == "POST":
        address = writing[0].get_absolute_url()
    elif address == "/demo/2026/":
        address = f"/demo/{writing[0].pub_date.year}/"

    head = html(guest.get(address)).head

    rss = head.select_one('link[rel=alternate][type="application/rss+xml"]')
    atom = head.select_one('link[rel=alternate][type="application/atom+xml"]')
    assert rss["href"] == "/demo/feed/"
    assert atom["href"] == "/demo/feed/atom/"
    assert rss["title"] == "Field Notes » Feed"
