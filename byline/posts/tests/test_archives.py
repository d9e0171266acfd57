"""Archives by year, month, day, category, tag and author, each in pages of posts."""

import datetime

import pytest

from byline.posts.tests.reading import html, listed_titles
from tests.factories import CategoryFactory, PostFactory, TagFactory, UserFactory


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


@pytest.fixture
def dated_posts(demo_blog):
    PostFactory(blog=demo_blog, title="Spring 2025", published_at=at(2025, 4, 10))
    PostFactory(blog=demo_blog, title="Winter 2026", published_at=at(2026, 1, 5))
    PostFactory(blog=demo_blog, title="Morning Jan 20", published_at=at(2026, 1, 20, 8))
    PostFactory(blog=demo_blog, title="Evening Jan 20", published_at=at(2026, 1, 20, 19))
    PostFactory(blog=demo_blog, title="February 2026", published_at=at(2026, 2, 1))


def test_year_archive_lists_that_years_posts_newest_first(guest, dated_posts):
    response = guest.get("/demo/2026/")

    assert response.status_code == 200
    assert html(response).h1.get_text() == "Year: 2026"
    assert listed_titles(response) == [
        "February 2026", "Evening Jan 20", "Morning Jan 20", "Winter 2026",
    ]  # fmt: skip


def test_month_archive_lists_that_months_posts(guest, dated_posts):
    response = guest.get("/demo/2026/01/")

    assert html(response).h1.get_text() == "Month: January 2026"
    assert listed_titles(response) == ["Evening Jan 20", "Morning Jan 20", "Winter 2026"]


def test_day_archive_lists_that_days_posts(guest, dated_posts):
    response = guest.get("/demo/2026/01/20/")

    assert html(response).h1.get_text() == "Day: January 20, 2026"
    assert listed_titles(response) == ["Evening Jan 20", "Morning Jan 20"]


def test_day_archive_follows_the_blogs_time_zone(guest, demo_blog, dated_posts):
    demo_blog.time_zone = "Asia/Tokyo"  # 19:00 UTC on the 20th is the 21st in Tokyo
    demo_blog.save()

    assert listed_titles(guest.get("/demo/2026/01/20/")) == ["Morning Jan 20"]
    assert listed_titles(guest.get("/demo/2026/01/21/")) == ["Evening Jan 20"]


def test_category_archive_includes_posts_of_its_subcategories(guest, demo_blog):
    walks = CategoryFactory(blog=demo_blog, name="Walks")
    coast = CategoryFactory(blog=demo_blog, name="Coast", parent=walks)
    weather = CategoryFactory(blog=demo_blog, name="Weather")
    PostFactory(blog=demo_blog, title="A walk", published_at=at(2026, 1, 1)).categories.add(walks)
    PostFactory(blog=demo_blog, title="By the sea", published_at=at(2026, 1, 2)).categories.add(
        coast, walks
    )
    PostFactory(blog=demo_blog, title="Rain", published_at=at(2026, 1, 3)).categories.add(weather)

    parent = guest.get("/demo/category/walks/")
    child = guest.get("/demo/category/walks/coast/")

    assert html(parent).h1.get_text() == "Category: Walks"
    assert listed_titles(parent) == ["By the sea", "A walk"]  # each post once
    assert listed_titles(child) == ["By the sea"]


def test_subcategory_at_a_wrong_path_redirects_to_its_address(guest, demo_blog):
    coast = CategoryFactory(blog=demo_blog, name="Coast", parent=CategoryFactory(
        blog=demo_blog, name="Walks"))  # fmt: skip
    PostFactory(blog=demo_blog).categories.add(coast)

    response = guest.get("/demo/category/coast/")

    assert response.status_code == 301
    assert response["Location"] == "/demo/category/walks/coast/"


def test_tag_archive_lists_the_tagged_posts(guest, demo_blog):
    rain = TagFactory(blog=demo_blog, name="rain")
    PostFactory(blog=demo_blog, title="Wet").tags.add(rain)
    PostFactory(blog=demo_blog, title="Dry")

    response = guest.get("/demo/tag/rain/")

    assert html(response).h1.get_text() == "Tag: rain"
    assert listed_titles(response) == ["Wet"]


def test_author_archive_lists_that_writers_posts_on_this_blog(guest, demo_blog, bob):
    PostFactory(blog=demo_blog, title="By Alice")
    PostFactory(blog=demo_blog, title="By Bob", author=bob)
    PostFactory(title="Bob elsewhere", author=bob)

    response = guest.get("/demo/author/bob/")

    assert html(response).h1.get_text() == "Author: Bob Okafor"
    assert listed_titles(response) == ["By Bob"]


def test_author_without_posts_here_is_not_found(guest, demo_blog):
    UserFactory(username="dora")

    assert guest.get("/demo/author/dora/").status_code == 404


@pytest.mark.parametrize(
    "archive",
    ["/demo/2026/", "/demo/2026/01/", "/demo/2026/01/20/", "/demo/category/walks/",
     "/demo/category/walks/coast/", "/demo/tag/rain/", "/demo/author/alice/"],
)  # fmt: skip
def test_every_archive_comes_in_pages(guest, demo_blog, archive):
    demo_blog.posts_per_page = 2
    demo_blog.save()
    coast = CategoryFactory(blog=demo_blog, name="Coast", parent=CategoryFactory(
        blog=demo_blog, name="Walks"))  # fmt: skip
    rain = TagFactory(blog=demo_blog, name="rain")
    for hour in range(5):
        post = PostFactory(blog=demo_blog, title=f"Hour {hour}", published_at=at(2026, 1, 20, hour))
        post.categories.add(coast)
        post.tags.add(rain)

    first, second, third = (guest.get(f"{archive}{end}") for end in ("", "page/2/", "page/3/"))

    assert listed_titles(first) == ["Hour 4", "Hour 3"]
    assert html(first).select_one(".pagination a.older")["href"] == f"{archive}page/2/"
    assert listed_titles(second) == ["Hour 2", "Hour 1"]
    assert html(second).select_one(".pagination a.newer")["href"] == archive
    assert listed_titles(third) == ["Hour 0"]
    assert guest.get(f"{archive}page/4/").status_code == 404


def test_category_and_tag_archives_announce_their_own_feed(guest, demo_blog):
    rain = TagFactory(blog=demo_blog, name="rain")
    walks = CategoryFactory(blog=demo_blog, name="Walks")
    post = PostFactory(blog=demo_blog)
    post.tags.add(rain)
    post.categories.add(walks)

    for archive in ("/demo/tag/rain/", "/demo/category/walks/"):
        feeds = html(guest.get(archive)).select('link[rel=alternate][type="application/rss+xml"]')
        assert {"/demo/feed/", f"{archive}feed/"} <= {f["href"] for f in feeds}
