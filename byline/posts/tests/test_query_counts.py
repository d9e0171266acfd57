"""Reading pages cost a fixed number of queries, however many posts, categories and tags.

Each test measures a page on a small blog, grows the blog tenfold (more posts, each
with more categories and tags), and measures again: the two counts must be equal.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.posts.tests.reading import ago
from tests.factories import CategoryFactory, PageFactory, PostFactory, TagFactory


def write_posts(blog, count, terms_each, start=0):
    """Write posts, then give every post of the blog every category and tag it has."""
    for _ in range(terms_each):
        CategoryFactory(blog=blog, parent=blog.categories.first())
        TagFactory(blog=blog)
    for n in range(start, start + count):
        PostFactory(blog=blog, title=f"Post {n}", published_at=ago(days=n + 1))
    for post in blog.posts.all():
        post.categories.set(blog.categories.all())
        post.tags.set(blog.tags.all())
    return blog.categories.order_by("id")[0], blog.tags.order_by("id")[0]


def queries_for(client, address) -> int:
    # Warm up first: a signed-in reader's first request also records their session.
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(captured)


@pytest.fixture
def readers(request, guest):
    """Return the client for a guest or for bob, the blog's editor (who also sees private posts)."""

    def reader(who):
        if who == "bob":
            guest.force_login(request.getfixturevalue("bob"))
        return guest

    return reader


@pytest.mark.parametrize("who", ["guest", "bob"])
@pytest.mark.parametrize("address", ["/demo/", "/demo/page/2/", "/demo/?s=post"])
def test_blog_home_queries_do_not_grow_with_posts_or_terms(demo_blog, readers, who, address):
    client = readers(who)
    PageFactory(blog=demo_blog, title="About")
    demo_blog.posts_per_page = 2
    demo_blog.save()
    write_posts(demo_blog, 3, terms_each=1)
    small = queries_for(client, address)

    write_posts(demo_blog, 30, terms_each=5, start=3)
    PageFactory(blog=demo_blog, title="Contact")

    assert queries_for(client, address) == small


@pytest.mark.parametrize("who", ["guest", "bob"])
def test_post_page_queries_do_not_grow_with_posts_or_terms(demo_blog, readers, who):
    client = readers(who)
    write_posts(demo_blog, 3, terms_each=1)
    middle = demo_blog.posts.get(title="Post 1")
    small = queries_for(client, middle.get_absolute_url())

    write_posts(demo_blog, 30, terms_each=5, start=3)
    crowded = demo_blog.posts.get(title="Post 20")

    assert queries_for(client, crowded.get_absolute_url()) == small


@pytest.mark.parametrize("archive", ["year", "category", "tag", "author"])
def test_archive_queries_do_not_grow_with_posts_or_terms(guest, demo_blog, archive):
    category, tag = write_posts(demo_blog, 3, terms_each=1)
    year = demo_blog.posts.first().pub_date.year
    address = {
        "year": f"/demo/{year}/",
        "category": category.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": "/demo/author/alice/",
    }[archive]
    small = queries_for(guest, address)

    write_posts(demo_blog, 30, terms_each=5, start=3)

    assert queries_for(guest, address) == small


def test_platform_home_queries_do_not_grow_with_blogs_or_posts(guest, demo_blog):
    write_posts(demo_blog, 3, terms_each=1)
    small = queries_for(guest, "/")

    for _ in range(5):
        write_posts(PostFactory().blog, 6, terms_each=3)

    assert queries_for(guest, "/") == small


@pytest.mark.parametrize("address", ["/demo/feed/", "/demo/feed/atom/"])
def test_feed_queries_do_not_grow_with_posts_or_terms(guest, demo_blog, address):
    write_posts(demo_blog, 3, terms_each=1)
    small = queries_for(guest, address)

    write_posts(demo_blog, 30, terms_each=5, start=3)

    assert queries_for(guest, address) == small
