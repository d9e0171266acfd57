"""Writes that change a page without touching its post: people, roles, likes, menus.

Each test reads the page until it comes from the cache, writes as Byline does, and checks
that the next anonymous reader sees the change.
"""

from __future__ import annotations

from django.test import Client

from byline.accounts.lifecycle import DELETED_NAME, delete_account
from byline.blogs.models import Membership
from byline.comments.models import Comment
from byline.social.models import Like
from tests.factories import PostFactory, UserFactory

from .reading import cache_state, parsed
from .test_invalidation import read


def signed_in_comment(post, user, text: str) -> Comment:
    return Comment.objects.create(
        post=post, user=user, content=text, author_name=user.public_name,
        author_email=user.email, status=Comment.Status.APPROVED,
    )  # fmt: skip


def likes_line(response) -> str:
    return parsed(response).select_one("#likes").get_text(" ", strip=True)


def test_an_authors_new_display_name_shows_on_their_posts(demo_blog, alice):
    post = PostFactory(blog=demo_blog, author=alice)
    assert "Alice Moreau" in read(post.get_absolute_url()).content.decode()
    read("/demo/")
    alice.display_name = "Alice M. Laurent"
    alice.save()
    for address in (post.get_absolute_url(), "/demo/"):
        page = Client().get(address)
        assert cache_state(page) == "miss", address
        assert "Alice M. Laurent" in page.content.decode()


def test_saving_a_person_without_a_visible_change_keeps_the_cache(demo_blog, alice):
    post = PostFactory(blog=demo_blog, author=alice)
    read(post.get_absolute_url())
    alice.last_login = alice.date_joined
    alice.save(update_fields=["last_login"])
    alice.save()  # nothing shown changed either
    assert cache_state(Client().get(post.get_absolute_url())) == "hit"


def test_a_likers_rename_reaches_the_blogs_they_liked_on(demo_blog, charlie):
    post = PostFactory(blog=demo_blog)
    Like.add(charlie, post=post)
    assert (
        parsed(read(post.get_absolute_url())).select_one(".likers a")["title"] == "Charlie Outsider"
    )
    charlie.display_name = "Charlie Elsewhere"
    charlie.save()
    page = Client().get(post.get_absolute_url())
    assert cache_state(page) == "miss"
    assert parsed(page).select_one(".likers a")["title"] == "Charlie Elsewhere"


def test_likes_and_unlikes_show_at_once(demo_blog, charlie):
    post = PostFactory(blog=demo_blog)
    assert "Be the first" in likes_line(read(post.get_absolute_url()))
    Like.add(charlie, post=post)
    assert "1 blogger likes this" in likes_line(read(post.get_absolute_url()))
    Like.remove(charlie, post=post)
    assert "Be the first" in likes_line(Client().get(post.get_absolute_url()))


def test_a_new_member_and_a_removed_one_change_the_page(demo_blog, alice):
    post = PostFactory(blog=demo_blog, author=alice)
    writer = UserFactory(username="dora", display_name="Dora")
    signed_in_comment(post, writer, "From Dora")
    read(post.get_absolute_url())

    membership = Membership.objects.create(blog=demo_blog, user=writer,
                                           role=Membership.Role.AUTHOR)  # fmt: skip
    assert cache_state(Client().get(post.get_absolute_url())) == "miss"
    read(post.get_absolute_url())
    membership.delete()
    assert cache_state(Client().get(post.get_absolute_url())) == "miss"


def test_a_deleted_account_leaves_its_comments_anonymous_and_takes_its_likes(demo_blog):
    post = PostFactory(blog=demo_blog)
    leaving = UserFactory(username="leaving", display_name="Leaving Reader")
    signed_in_comment(post, leaving, "A thought before leaving")
    Like.add(leaving, post=post)
    page = read(post.get_absolute_url()).content.decode()
    assert "Leaving Reader" in page

    delete_account(leaving, delete_comments=False)
    page = Client().get(post.get_absolute_url())
    assert cache_state(page) == "miss"
    assert "Leaving Reader" not in page.content.decode()
    assert DELETED_NAME in page.content.decode()
    assert "Be the first" in likes_line(page)


def test_a_header_menu_link_shows_at_once(demo_blog, alice):
    PostFactory(blog=demo_blog)
    assert "Elsewhere" not in read("/demo/").content.decode()
    admin = Client()
    admin.force_login(alice)
    sent = admin.post(
        "/dashboard/demo/menus/", {"label": "Elsewhere", "url": "https://example.org/"}
    )
    assert sent.status_code == 303, sent.content.decode()[:500]
    page = Client().get("/demo/")
    assert cache_state(page) == "miss"
    assert "Elsewhere" in page.content.decode()
