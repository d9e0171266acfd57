"""The platform's front page: what Byline is, its blogs, and recent posts across them."""

from byline.posts.models import Post
from byline.posts.tests.reading import ago, html
from tests.factories import BlogFactory, PostFactory


def recent_titles(page) -> list[str]:
    return [h.get_text(strip=True) for h in page.select(".recent article h3")]


def test_guest_reads_what_byline_is(guest, db):
    page = html(guest.get("/"))

    assert page.h1.get_text() == "Write. Be read."
    assert "publishing platform" in page.select_one(".intro").get_text()


def test_guest_sees_recent_posts_across_blogs_newest_first(guest, demo_blog):
    kitchen = BlogFactory(slug="kitchen-table", title="The Kitchen Table")
    PostFactory(blog=demo_blog, title="Coast path", published_at=ago(days=2))
    soup = PostFactory(blog=kitchen, title="Lentil soup", published_at=ago(hours=3))

    page = html(guest.get("/"))

    assert recent_titles(page) == ["Lentil soup", "Coast path"]
    first = page.select_one(".recent article")
    assert first.select_one("h3 a")["href"] == soup.get_absolute_url()
    assert first.select_one(".meta a")["href"] == "/kitchen-table/"
    assert "The Kitchen Table" in first.select_one(".meta").get_text()


def test_guest_sees_the_blogs_with_something_to_read(guest, demo_blog):
    kitchen = BlogFactory(slug="kitchen-table", title="The Kitchen Table")
    BlogFactory(slug="empty-shelf", title="Empty Shelf")
    PostFactory(blog=demo_blog, published_at=ago(days=2))
    PostFactory(blog=kitchen, published_at=ago(days=1))

    blogs = html(guest.get("/")).select(".blog-list li a")

    assert [(a.get_text(), a["href"]) for a in blogs] == [
        ("The Kitchen Table", "/kitchen-table/"), ("Field Notes", "/demo/"),
    ]  # fmt: skip


def test_private_drafts_and_scheduled_posts_stay_off_the_platform_home(guest, signed_in, bob):
    hidden = [
        PostFactory(blog=bob.memberships.get().blog, title=f"Hidden {status}", status=status,
                    published_at=when)
        for status, when in [(Post.Status.PRIVATE, ago(hours=1)),
                             (Post.Status.DRAFT, ago(hours=1)),
                             (Post.Status.SCHEDULED, ago(hours=-1))]
    ]  # fmt: skip
    # A blog whose posts are all hidden has nothing to read yet, so it is not listed either.
    for client in (guest, signed_in(bob)):
        response = client.get("/")
        page = html(response)
        assert recent_titles(page) == []
        assert all(post.title.encode() not in response.content for post in hidden)
        assert page.select(".blog-list li a") == []


def test_pages_are_not_recent_posts(guest, demo_blog):
    PostFactory(blog=demo_blog, kind=Post.Kind.PAGE, title="About")

    assert recent_titles(html(guest.get("/"))) == []
