"""A member approves a held comment in the queue, and readers then see it on the post."""

from django.test import Client

from byline.comments.models import Comment
from byline.comments.tests.moderating import (
    action_url,
    comment_on,
    listed,
    messages_shown,
    parsed,
    queue_url,
)
from tests.factories import PostFactory


def test_editor_approves_a_held_comment_and_readers_see_it_counted(bob, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog, title="Low tide")
    held = comment_on(post, content="The <b>tide</b> tables were wrong that day.")
    member = signed_in(bob)
    assert listed(member.get(queue_url(demo_blog, status="pending"))) == [held.pk]

    response = member.post(
        action_url(held, "approve"), {"next": queue_url(demo_blog, status="pending")}
    )

    assert response.status_code == 303
    assert response["Location"] == queue_url(demo_blog, status="pending")
    after = member.get(response["Location"])
    assert messages_shown(after) == ["1 comment approved."]
    assert listed(after) == []
    held.refresh_from_db()
    post.refresh_from_db()
    assert held.status == Comment.Status.APPROVED
    assert post.comment_count == 1
    page = parsed(Client().get(post.get_absolute_url()))
    shown = page.find(id=f"comment-{held.pk}")
    assert shown.select_one(".comment-content b").get_text() == "tide"
    assert page.find(id="comments-title").get_text() == "One thought on “Low tide”"


def test_unapproving_takes_a_comment_off_the_post_and_out_of_the_count(alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    shown = comment_on(post, Comment.Status.APPROVED)
    post.refresh_from_db()
    assert post.comment_count == 1

    response = signed_in(alice).post(action_url(shown, "unapprove"))

    assert response.status_code == 303
    post.refresh_from_db()
    assert post.comment_count == 0
    assert parsed(Client().get(post.get_absolute_url())).find(id=f"comment-{shown.pk}") is None


def test_approving_a_comment_twice_changes_nothing_and_says_so(alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    shown = comment_on(post, Comment.Status.APPROVED)
    member = signed_in(alice)

    response = member.post(action_url(shown, "approve"), follow=True)

    assert messages_shown(response) == [
        "Nothing changed: “Approve” does not apply to a comment that is approved."
    ]
    post.refresh_from_db()
    assert post.comment_count == 1
