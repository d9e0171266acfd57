import datetime

from bs4 import BeautifulSoup

from byline.posts.models import Post
from byline.posts.tests.reading import ago, html
from tests.factories import CategoryFactory, PostFactory, TagFactory


def test_reader_opens_a_post_at_its_wordpress_style_address(guest, demo_blog):
    post = PostFactory(blog=demo_blog, title="First light", body_markdown="Dawn *over* the bay.")
    day = post.pub_date

    response = guest.get(f"/demo/{day:%Y/%m/%d}/first-light/")

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "First light"
    assert page.select_one(".entry-content em").get_text() == "over"
    assert page.find("a", string="Blog at Byline.")["href"] == "/"
    assert page.find("a", string="Up ↑")["href"] == "#top"
    assert page.body["id"] == "top"


def test_post_address_carries_the_date_in_the_blogs_time_zone(guest, demo_blog):
    demo_blog.time_zone = "Asia/Tokyo"
    demo_blog.save()
    evening_in_utc = datetime.datetime(2026, 3, 14, 20, 0, tzinfo=datetime.UTC)
    post = PostFactory(blog=demo_blog, title="Late", published_at=evening_in_utc)

    assert post.get_absolute_url() == "/demo/2026/03/15/late/"
    response = guest.get("/demo/2026/03/15/late/")
    assert response.status_code == 200
    shown = html(response).select_one(".entry-meta time")
    assert shown.get_text() == "March 15, 2026"


def test_old_link_with_the_wrong_date_redirects_for_good(guest, demo_blog):
    noon = datetime.datetime(2026, 1, 2, 12, 0, tzinfo=datetime.UTC)
    PostFactory(blog=demo_blog, title="Moved", published_at=noon)

    response = guest.get("/demo/2025/12/31/moved/")

    assert response.status_code == 301
    assert response["Location"] == "/demo/2026/01/02/moved/"


def test_changing_the_blogs_time_zone_moves_post_addresses(guest, demo_blog):
    post = PostFactory(
        blog=demo_blog, title="Dusk",
        published_at=datetime.datetime(2026, 5, 1, 22, 0, tzinfo=datetime.UTC),
    )  # fmt: skip
    assert post.get_absolute_url() == "/demo/2026/05/01/dusk/"

    demo_blog.time_zone = "Asia/Tokyo"
    demo_blog.save()

    assert guest.get("/demo/2026/05/02/dusk/").status_code == 200
    assert guest.get("/demo/2026/05/01/dusk/")["Location"] == "/demo/2026/05/02/dusk/"


def test_reader_moves_to_the_previous_and_next_post(guest, demo_blog):
    older = PostFactory(blog=demo_blog, title="Older", published_at=ago(days=3))
    middle = PostFactory(blog=demo_blog, title="Middle", published_at=ago(days=2))
    newer = PostFactory(blog=demo_blog, title="Newer", published_at=ago(days=1))
    PostFactory(blog=demo_blog, title="Unfinished", status=Post.Status.DRAFT)

    nav = html(guest.get(middle.get_absolute_url())).select_one("nav.post-navigation")

    assert nav.select_one("a[rel=prev]")["href"] == older.get_absolute_url()
    assert "Older" in nav.select_one("a[rel=prev]").get_text()
    assert nav.select_one("a[rel=next]")["href"] == newer.get_absolute_url()
    newest_nav = html(guest.get(newer.get_absolute_url())).select_one("nav.post-navigation")
    assert newest_nav.select_one("a[rel=next]") is None


def test_post_lists_its_categories_and_tags_with_links(guest, demo_blog):
    walks = CategoryFactory(blog=demo_blog, name="Walks")
    coast = CategoryFactory(blog=demo_blog, name="Coast", parent=walks)
    rain = TagFactory(blog=demo_blog, name="rain")
    post = PostFactory(blog=demo_blog)
    post.categories.add(coast)
    post.tags.add(rain)

    terms = html(guest.get(post.get_absolute_url())).select_one(".entry-terms")

    category = terms.select_one('a[rel="category tag"]')
    assert (category.get_text(), category["href"]) == ("Coast", "/demo/category/walks/coast/")
    tag = terms.select_one("a[rel=tag]")
    assert (tag.get_text(), tag["href"]) == ("rain", "/demo/tag/rain/")


def test_post_page_names_its_author_and_leaves_room_for_comments_and_likes(guest, demo_blog):
    post = PostFactory(blog=demo_blog)

    page = html(guest.get(post.get_absolute_url()))

    author = page.select_one(".entry-meta a[rel=author]")
    assert (author.get_text(), author["href"]) == ("Alice Moreau", "/demo/author/alice/")
    assert page.select_one("#comments") is not None
    assert page.select_one("#likes") is not None


def test_unknown_post_is_the_blogs_not_found_page(guest, demo_blog):
    response = guest.get("/demo/2026/01/02/never-written/")

    assert response.status_code == 404
    assert html(response).select_one(".site-title").get_text(strip=True) == "Field Notes"


def test_post_of_another_blog_is_not_found_here(guest, demo_blog):
    elsewhere = PostFactory(title="Elsewhere")

    response = guest.get(f"/demo/{elsewhere.pub_date:%Y/%m/%d}/elsewhere/")

    assert response.status_code == 404
