"""The blog home: newest first, sticky posts on top, excerpts or full text, pages of posts."""

from byline.blogs.models import Blog
from byline.posts.tests.reading import ago, html, listed_titles
from tests.factories import PostFactory


def test_guest_sees_published_posts_newest_first(guest, demo_blog):
    PostFactory(blog=demo_blog, title="Oldest", published_at=ago(days=3))
    PostFactory(blog=demo_blog, title="Newest", published_at=ago(hours=1))
    PostFactory(blog=demo_blog, title="Middle", published_at=ago(days=2))

    response = guest.get("/demo/")

    assert response.status_code == 200
    assert listed_titles(response) == ["Newest", "Middle", "Oldest"]


def test_sticky_posts_stay_on_top_of_the_home_page(guest, demo_blog):
    PostFactory(blog=demo_blog, title="Recent", published_at=ago(hours=1))
    PostFactory(blog=demo_blog, title="Pinned", published_at=ago(days=30), sticky=True)

    response = guest.get("/demo/")

    assert listed_titles(response) == ["Pinned", "Recent"]
    pinned = html(response).select_one("article.sticky")
    assert pinned.select_one(".entry-title").get_text(strip=True) == "Pinned"


def test_excerpt_blog_shows_the_excerpt_and_a_continue_link(guest, demo_blog):
    demo_blog.home_shows = Blog.HomeShows.EXCERPT
    demo_blog.save()
    post = PostFactory(
        blog=demo_blog, excerpt="A short teaser.", body_markdown="The whole *long* story."
    )

    entry = html(guest.get("/demo/")).select_one("article .entry-content")

    assert "A short teaser." in entry.get_text()
    assert "long" not in entry.get_text()
    assert entry.select_one("a.more-link")["href"] == post.get_absolute_url()


def test_full_text_blog_shows_the_whole_rendered_post(guest, demo_blog):
    demo_blog.home_shows = Blog.HomeShows.FULL
    demo_blog.save()
    PostFactory(blog=demo_blog, excerpt="A short teaser.", body_markdown="The whole *long* story.")

    entry = html(guest.get("/demo/")).select_one("article .entry-content")

    assert entry.select_one("em").get_text() == "long"
    assert "A short teaser." not in entry.get_text()
    assert entry.select_one("a.more-link") is None


def test_reader_pages_through_older_posts(guest, demo_blog):
    demo_blog.posts_per_page = 2
    demo_blog.save()
    for n in range(5):
        PostFactory(blog=demo_blog, title=f"Post {n}", published_at=ago(days=n + 1))

    first = guest.get("/demo/")
    second = guest.get("/demo/page/2/")
    last = guest.get("/demo/page/3/")

    assert listed_titles(first) == ["Post 0", "Post 1"]
    assert html(first).select_one(".pagination a.older")["href"] == "/demo/page/2/"
    assert listed_titles(second) == ["Post 2", "Post 3"]
    assert html(second).select_one(".pagination a.newer")["href"] == "/demo/"
    assert html(second).select_one(".pagination a.older")["href"] == "/demo/page/3/"
    assert listed_titles(last) == ["Post 4"]
    assert html(last).select_one(".pagination a.older") is None


def test_page_past_the_end_is_the_blogs_not_found_page(guest, demo_blog):
    PostFactory(blog=demo_blog)

    response = guest.get("/demo/page/2/")

    assert response.status_code == 404
    page = html(response)
    assert page.select_one(".site-title").get_text(strip=True) == "Field Notes"
    assert "can’t be found" in page.h1.get_text()


def test_a_blog_with_nothing_published_says_so(guest, demo_blog):
    response = guest.get("/demo/")

    assert response.status_code == 200
    assert listed_titles(response) == []
    assert "Nothing here yet." in html(response).select_one(".no-results").get_text()
