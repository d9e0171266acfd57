"""The dashboard's home lists the writer's blogs with what waits for them; anyone signed in
may create a blog, and becomes its administrator."""

from __future__ import annotations

from byline.blogs.models import Blog, Membership
from byline.comments.models import Comment
from byline.dashboard.tests.writing import errors_on, messages_on, parsed
from tests.factories import PostFactory


def cards(response) -> dict[str, str]:
    page = parsed(response)
    return {c.select_one("h2").get_text(strip=True): c.get_text(" ", strip=True)
            for c in page.select(".blog-card")}  # fmt: skip


def test_writers_see_each_of_their_blogs_with_their_role(signed_in, bob, olga, demo_blog):
    found = cards(signed_in(bob).get("/dashboard/"))

    assert list(found) == ["Field Notes"]
    assert "Editor" in found["Field Notes"]


def test_the_home_shows_what_happened_this_week(signed_in, alice, charlie, demo_blog):
    from byline.social.models import Follow, Like

    post = PostFactory(blog=demo_blog, author=alice)
    Like.objects.create(user=charlie, post=post)
    Follow.objects.create(user=charlie, blog=demo_blog)
    PostFactory(blog=demo_blog, author=alice, status="draft", published_at=None)
    Comment.objects.create(post=post, author_name="Reader", author_email="r@example.test",
                           content="Lovely fog.", status=Comment.Status.PENDING)  # fmt: skip

    response = signed_in(alice).get("/dashboard/")

    card = cards(response)["Field Notes"]
    assert "1 published" in card and "1 draft of yours" in card
    assert "1 comment waiting" in card
    assert "1 new follower this week" in card and "1 new like this week" in card
    waiting = parsed(response).select_one(".activity li").get_text(" ", strip=True)
    assert "Lovely fog." in waiting


def test_charlie_creates_a_blog_and_administers_it(signed_in, charlie):
    client = signed_in(charlie)
    response = client.post("/dashboard/new/", {
        "slug": "night-walks", "title": "Night Walks", "tagline": "After dark",
        "language": "en", "time_zone": "Europe/Lisbon"}, follow=True)  # fmt: skip

    blog = Blog.objects.get(slug="night-walks")
    assert blog.owner == charlie and blog.time_zone == "Europe/Lisbon"
    assert Membership.objects.get(blog=blog).role == "administrator"
    assert response.redirect_chain[-1][0] == "/dashboard/night-walks/posts/new/"
    assert "Your blog “Night Walks” is ready" in messages_on(response)[0]
    assert client.get("/dashboard/night-walks/settings/").status_code == 200


def test_a_taken_or_reserved_address_is_refused_with_a_suggestion(signed_in, charlie, demo_blog):
    client = signed_in(charlie)
    base = {"title": "Mine", "language": "en", "time_zone": "UTC"}

    taken = client.post("/dashboard/new/", {**base, "slug": "demo"})
    reserved = client.post("/dashboard/new/", {**base, "slug": "admin"})

    assert errors_on(taken)["slug"] == ["A blog with that address already exists; try another."]
    assert errors_on(reserved)["slug"] == [
        "“admin” is reserved by Byline; try “admin-blog” instead."
    ]
    assert parsed(reserved).select_one("#id_title")["value"] == "Mine"
    assert Blog.objects.count() == 1


def test_guests_are_asked_to_log_in(guest, db):
    assert guest.get("/dashboard/").status_code == 302
    assert guest.post("/dashboard/new/", {"slug": "x-blog"}).status_code == 302
    assert not Blog.objects.exists()
