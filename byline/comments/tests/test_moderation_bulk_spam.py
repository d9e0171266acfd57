"""A member ticks several comments and marks them all as spam at once."""

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


def test_editor_marks_ticked_comments_as_spam_and_counts_follow(bob, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    shown = [comment_on(post, Comment.Status.APPROVED) for _ in range(2)]
    held = comment_on(post)
    spared = comment_on(post, Comment.Status.APPROVED)
    member = signed_in(bob)
    page = parsed(member.get(queue_url(demo_blog)))
    assert [o["value"] for o in page.select("#bulk-action option")] == [
        "", "unapprove", "approve", "spam", "trash",
    ]  # fmt: skip

    response = member.post(
        action_url(held, "bulk"),
        {"action": "spam", "comment": [shown[0].pk, shown[1].pk, held.pk],
         "next": queue_url(demo_blog)},
    )  # fmt: skip

    assert response.status_code == 303
    after = member.get(response["Location"])
    assert messages_shown(after) == ["3 comments marked as spam."]
    assert listed(after) == [spared.pk]
    assert sorted(listed(member.get(queue_url(demo_blog, status="spam")))) == sorted(
        [shown[0].pk, shown[1].pk, held.pk]
    )
    post.refresh_from_db()
    assert post.comment_count == 1


def test_bulk_action_skips_comments_it_does_not_apply_to(alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    held, shown = comment_on(post), comment_on(post, Comment.Status.APPROVED)

    response = signed_in(alice).post(
        action_url(held, "bulk"), {"action": "approve", "comment": [held.pk, shown.pk]},
        follow=True,
    )  # fmt: skip

    assert messages_shown(response) == [
        "1 comment approved.",
        "1 comment was left as it was: “Approve” does not apply to it.",
    ]
    post.refresh_from_db()
    assert post.comment_count == 2


def test_bulk_without_an_action_or_a_ticked_comment_explains_what_is_missing(
    alice, signed_in, demo_blog
):
    held = comment_on(PostFactory(blog=demo_blog))
    member = signed_in(alice)

    no_action = member.post(action_url(held, "bulk"), {"comment": [held.pk]}, follow=True)
    nothing_ticked = member.post(action_url(held, "bulk"), {"action": "spam"}, follow=True)

    assert messages_shown(no_action) == ["Choose a bulk action first, then press Apply."]
    assert messages_shown(nothing_ticked) == ["Tick one or more comments first, then press Apply."]
    held.refresh_from_db()
    assert held.status == Comment.Status.PENDING
