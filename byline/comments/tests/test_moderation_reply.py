"""A member replies from the queue; the reply is published at once, threaded under the comment."""

from django.test import Client

from byline.comments.models import Comment, DiscussionSettings
from byline.comments.tests.moderating import (
    action_url,
    comment_on,
    messages_shown,
    parsed,
    queue_url,
)
from tests.factories import PostFactory


def test_member_reply_appears_threaded_under_the_comment(bob, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    question = comment_on(post, Comment.Status.APPROVED, content="Which pier was this?")
    member = signed_in(bob)
    form_page = parsed(member.get(action_url(question, "reply")))
    assert "Which pier was this?" in form_page.select_one(".moderated-comment").get_text()

    response = member.post(
        action_url(question, "reply"),
        {"content": "The old one, by the lighthouse.", "next": queue_url(demo_blog)},
    )

    assert response.status_code == 303
    assert messages_shown(member.get(response["Location"])) == ["Reply posted."]
    answer = Comment.objects.get(parent=question)
    assert answer.status == Comment.Status.APPROVED
    assert answer.user == bob and answer.author_name == "Bob Okafor"
    post.refresh_from_db()
    assert post.comment_count == 2
    page = parsed(Client().get(post.get_absolute_url()))
    nested = page.select_one(f"#comment-{question.pk} > ol.children > #comment-{answer.pk}")
    assert nested.select_one(".comment-content").get_text(strip=True) == (
        "The old one, by the lighthouse."
    )


def test_replying_to_a_held_comment_approves_it_too(alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    held = comment_on(post)
    member = signed_in(alice)
    assert (
        parsed(member.get(action_url(held, "reply")))
        .select_one("form.moderation-reply button")
        .get_text()
        == "Approve and reply"
    )

    response = member.post(action_url(held, "reply"), {"content": "Welcome!"}, follow=True)

    assert messages_shown(response) == ["Comment approved and reply posted."]
    held.refresh_from_db()
    post.refresh_from_db()
    assert held.status == Comment.Status.APPROVED
    assert post.comment_count == 2


def test_a_reply_past_the_deepest_level_joins_that_level(alice, signed_in, demo_blog):
    DiscussionSettings.objects.create(blog=demo_blog, thread_depth=2)
    post = PostFactory(blog=demo_blog)
    top = comment_on(post, Comment.Status.APPROVED)
    deepest = comment_on(post, Comment.Status.APPROVED, parent=top)

    signed_in(alice).post(action_url(deepest, "reply"), {"content": "Agreed."})

    answer = Comment.objects.get(content="Agreed.")
    assert (answer.parent, answer.depth) == (top, 2)


def test_an_empty_reply_is_refused_with_a_message(alice, signed_in, demo_blog):
    comment = comment_on(PostFactory(blog=demo_blog), Comment.Status.APPROVED)

    response = signed_in(alice).post(action_url(comment, "reply"), {"content": "  "})

    assert response.status_code == 200
    assert parsed(response).select_one(".field-content .field-error")
    assert Comment.objects.count() == 1
