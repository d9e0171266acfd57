"""A guest leaves a reply under a post, as readers of any WordPress blog know it."""

import time

import time_machine
from bs4 import BeautifulSoup

from byline.comments.models import Comment
from tests.factories import PostFactory


def form_fields(response) -> dict:
    page = BeautifulSoup(response.content, "html.parser")
    form = page.find("form", id="commentform")
    return {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}


def fill_and_send(client, post, **typed):
    """Load the post page, wait like a person would, and send the comment form."""
    fields = form_fields(client.get(post.get_absolute_url()))
    fields.update(typed)
    with time_machine.travel(time.time() + 10, tick=False):
        return client.post(post.get_absolute_url(), fields)


def test_guest_first_comment_is_held_and_shown_only_to_its_author(guest, demo_blog):
    post = PostFactory(blog=demo_blog, title="First light")

    response = fill_and_send(
        guest, post, author="Zoë", email="zoe@example.test", comment="Lovely <b>light</b>!"
    )

    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    own_view = guest.get(response["Location"])
    page = BeautifulSoup(own_view.content, "html.parser")
    held = page.find(id=f"comment-{comment.pk}")
    assert "Your comment is awaiting moderation." in held.get_text()
    assert held.select_one(".comment-content b").get_text() == "light"
    public = BeautifulSoup(guest.get(post.get_absolute_url()).content, "html.parser")
    assert public.find(id=f"comment-{comment.pk}") is None


def test_approved_commenter_is_published_at_once_and_counted(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    first = fill_and_send(guest, post, author="Zoë", email="zoe@example.test", comment="One")
    assert first.status_code == 303
    Comment.objects.get().set_status(Comment.Status.APPROVED)

    second = fill_and_send(guest, post, author="Zoë", email="zoe@example.test", comment="Two")

    assert second.status_code == 303
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == 2
    post.refresh_from_db()
    assert post.comment_count == 2
    page = BeautifulSoup(guest.get(post.get_absolute_url()).content, "html.parser")
    assert page.find(id="comments-title").get_text().startswith("2 thoughts on")
