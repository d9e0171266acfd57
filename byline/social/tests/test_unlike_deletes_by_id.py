"""Taking a like back deletes that like and its notification, and nothing else, in 3 queries
(one on PostgreSQL).

Like.remove deletes by primary key instead of through Django's delete collector; that is
only the same as the collector's cascade while a Notification is the one row pointing at a
Like, nothing points at a Notification, and neither has delete signals. The first test
fails as soon as that stops being true, so the shortcut is revisited then.
"""

from __future__ import annotations

from django.db import connection
from django.db.models.deletion import get_candidate_relations_to_delete
from django.db.models.signals import post_delete, pre_delete
from django.test.utils import CaptureQueriesContext

from byline.comments.models import Comment
from byline.social.models import Like, Notification
from tests.factories import UserFactory


def test_a_notification_is_the_only_row_that_points_at_a_like():
    # What Django's collector would follow from a Like, and from a Notification.
    from_like = list(get_candidate_relations_to_delete(Like._meta))
    assert [(rel.related_model, rel.field.name) for rel in from_like] == [(Notification, "like")]
    assert list(get_candidate_relations_to_delete(Notification._meta)) == []
    for signal in (pre_delete, post_delete):
        assert not signal.has_listeners(Like)
        assert not signal.has_listeners(Notification)


def test_unliking_a_post_takes_that_like_and_its_notification_only(post, alice, charlie):
    erin = UserFactory(username="erin")
    comment = Comment.objects.create(post=post, user=alice, author_name="Alice",
                                     author_email="alice@example.com", content="Thanks!",
                                     status=Comment.Status.APPROVED)  # fmt: skip
    assert Like.add(charlie, post=post) and Like.add(erin, post=post)
    assert Like.add(charlie, comment=comment)
    assert Notification.objects.filter(kind=Notification.Kind.LIKE).count() == 3

    with CaptureQueriesContext(connection) as captured:
        assert Like.remove(charlie, post=post)
    statements = [q["sql"] for q in captured if "SAVEPOINT" not in q["sql"]]
    if connection.vendor == "postgresql":  # both DELETEs in one statement, by the like's id
        assert len(statements) == 1 and statements[0].startswith('WITH "gone" AS (DELETE')
        assert 'DELETE FROM "social_notification" WHERE "like_id" IN' in statements[0]
    else:  # the like's id, then each table
        assert [s.split()[0] for s in statements] == ["SELECT", "DELETE", "DELETE"]
    assert "created_at" not in statements[0]  # only the id: no Like model is built to be cascaded

    assert not Like.objects.filter(user=charlie, post=post).exists()
    left = Notification.objects.filter(kind=Notification.Kind.LIKE)
    assert sorted(left.values_list("actor__username", "comment_id")) == [
        ("charlie", comment.pk),
        ("erin", None),
    ]
    assert Like.objects.filter(user=erin, post=post).exists()
    assert Like.objects.filter(user=charlie, comment=comment).exists()


def test_unliking_what_was_never_liked_writes_nothing(post, charlie, django_assert_num_queries):
    with django_assert_num_queries(1):  # only the look for the like
        assert not Like.remove(charlie, post=post)


def test_unliking_a_comment_takes_its_like_and_notification(post, alice, charlie):
    comment = Comment.objects.create(post=post, user=alice, author_name="Alice",
                                     author_email="alice@example.com", content="Thanks!",
                                     status=Comment.Status.APPROVED)  # fmt: skip
    assert Like.add(charlie, comment=comment)
    assert Notification.objects.filter(comment=comment, kind=Notification.Kind.LIKE).exists()
    assert Like.remove(charlie, comment=comment)
    assert not Like.remove(charlie, comment=comment)  # the second time, nothing to take
    assert not Like.objects.filter(comment=comment).exists()
    assert not Notification.objects.filter(comment=comment, kind=Notification.Kind.LIKE).exists()
