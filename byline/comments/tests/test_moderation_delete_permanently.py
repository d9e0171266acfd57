"""Deleting for good is possible only from the Trash or Spam, never with one click."""

import pytest

from byline.comments.models import Comment
from byline.comments.tests.moderating import action_url, comment_on, messages_shown
from tests.factories import PostFactory


@pytest.mark.parametrize("where", [Comment.Status.TRASH, Comment.Status.SPAM])
def test_member_deletes_a_comment_for_good_from_trash_or_spam(where, alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    kept = comment_on(post, Comment.Status.APPROVED)
    doomed = comment_on(post, where)

    response = signed_in(alice).post(action_url(doomed, "delete"), follow=True)

    assert messages_shown(response) == ["1 comment permanently deleted."]
    assert not Comment.objects.filter(pk=doomed.pk).exists()
    post.refresh_from_db()
    assert post.comment_count == 1
    assert Comment.objects.get().pk == kept.pk


@pytest.mark.parametrize("status", [Comment.Status.APPROVED, Comment.Status.PENDING])
def test_a_live_comment_cannot_be_deleted_without_trashing_it_first(
    status, alice, signed_in, demo_blog
):
    post = PostFactory(blog=demo_blog)
    comment = comment_on(post, status)

    response = signed_in(alice).post(action_url(comment, "delete"), follow=True)

    assert messages_shown(response) == [
        "Nothing changed: “Delete permanently” does not apply to a comment that is "
        f"{comment.get_status_display().lower()}."
    ]
    assert Comment.objects.filter(pk=comment.pk, status=status).exists()


def test_deleting_a_trashed_comment_in_bulk(alice, signed_in, demo_blog):
    post = PostFactory(blog=demo_blog)
    trashed = [comment_on(post, Comment.Status.TRASH) for _ in range(2)]
    live = comment_on(post, Comment.Status.APPROVED)

    response = signed_in(alice).post(
        action_url(live, "bulk"),
        {"action": "delete", "comment": [trashed[0].pk, trashed[1].pk, live.pk]},
        follow=True,
    )

    assert messages_shown(response)[0] == "2 comments permanently deleted."
    assert list(Comment.objects.values_list("pk", flat=True)) == [live.pk]
