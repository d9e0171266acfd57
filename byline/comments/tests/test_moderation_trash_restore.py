"""Trash is soft: a member trashes a comment, restores it, and it is back where it was."""

import pytest
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


@pytest.mark.parametrize("before", [Comment.Status.APPROVED, Comment.Status.PENDING])
def test_trashed_comment_is_restored_to_its_previous_status(before, alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    comment = comment_on(post, before)
    member = signed_in(alice)

    trashed = member.post(action_url(comment, "trash"), follow=True)

    assert messages_shown(trashed) == ["1 comment moved to the Trash."]
    assert listed(member.get(queue_url(demo_blog, status="trash"))) == [comment.pk]
    post.refresh_from_db()
    assert post.comment_count == 0
    assert parsed(Client().get(post.get_absolute_url())).find(id=f"comment-{comment.pk}") is None

    restored = member.post(
        action_url(comment, "restore"), {"next": queue_url(demo_blog, status="trash")}, follow=True
    )

    assert messages_shown(restored) == ["1 comment restored from the Trash."]
    assert listed(restored) == []
    comment.refresh_from_db()
    post.refresh_from_db()
    assert comment.status == before
    assert comment.trashed_at is None
    assert post.comment_count == (1 if before == Comment.Status.APPROVED else 0)
    assert listed(member.get(queue_url(demo_blog, status=before))) == [comment.pk]


def test_trash_and_restore_in_bulk(alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    shown = [comment_on(post, Comment.Status.APPROVED) for _ in range(3)]
    member = signed_in(alice)
    ids = [c.pk for c in shown]

    trashed = member.post(action_url(shown[0], "bulk"), {"action": "trash", "comment": ids},
                          follow=True)  # fmt: skip
    assert messages_shown(trashed) == ["3 comments moved to the Trash."]
    post.refresh_from_db()
    assert post.comment_count == 0
    response = member.post(action_url(shown[0], "bulk"), {"action": "restore", "comment": ids},
                           follow=True)  # fmt: skip

    assert messages_shown(response) == ["3 comments restored from the Trash."]
    post.refresh_from_db()
    assert post.comment_count == 3
