"""The comments a page shows are read as rows (threads.ShownComment), not as Comment instances.

A row must say what its Comment says wherever a page (or a template) asks: its values, as
the ORM converts them, its body re-sanitized under outdated rules, its kind's label, its
writer and their picture. And build() sends the queries the ORM sent: none for the rows when
a page has nothing to show.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from byline.accounts.avatars import picture_url
from byline.accounts.models import User
from byline.comments import threads
from byline.comments.avatars import avatar_url
from byline.comments.models import Comment, DiscussionSettings
from byline.posts.models import Post
from tests.factories import PostFactory

UNSAFE_HTML = '<p>Hi <script>alert(1)</script><a href="javascript:x">link</a></p>'


def every_node(nodes):
    for node in nodes:
        yield node
        yield from every_node(node.children)


@pytest.fixture
def discussed(demo_blog, bob, charlie):
    """A post with guests, members, a pingback, a reply, stale HTML and a pictured writer."""
    post = PostFactory(blog=demo_blog, author=bob)
    start = timezone.now() - datetime.timedelta(days=1)

    def say(minutes: int, **fields) -> Comment:
        fields.setdefault("status", "approved")
        fields.setdefault("author_name", "Guest")
        fields.setdefault("content", f"Said at {minutes}")
        when = start + datetime.timedelta(minutes=minutes, microseconds=123456)
        return Comment.objects.create(post=post, created_at=when, **fields)

    first = say(1, author_email="Ann@Example.test ", author_url="https://ann.test/")
    say(2, parent=first, user=bob, author_name=bob.public_name)
    say(3, parent=first, user=charlie, author_name=charlie.public_name)
    say(4, user=charlie, author_name=charlie.public_name)
    say(5, kind="trackback", author_name="Other Blog", author_url="https://other.test/")
    stale = say(6, author_email="ann@example.test")
    Comment.objects.filter(pk=stale.pk).update(content_html=UNSAFE_HTML, content_html_rules="")
    User.objects.filter(pk=charlie.pk).update(avatar="avatars/0123abcd.png")
    return Post.objects.select_related("blog", "author").get(pk=post.pk)


def test_each_row_says_what_its_comment_says(discussed):
    nodes = list(every_node(threads.build(discussed, page=None).threads))
    models = Comment.objects.select_related("user", "post").in_bulk()
    assert len(nodes) == 6
    for node in nodes:
        row, model = node.comment, models[node.comment.pk]
        for name in threads._SHOWN:
            assert getattr(row, name) == getattr(model, name), name
        assert row.safe_html == model.safe_html
        assert row.get_kind_display() == model.get_kind_display()
        assert row.is_by_post_author == model.is_by_post_author
        assert (row.user and row.user.username) == (model.user and model.user.username)
        assert row.created_at.tzinfo is not None  # converted as the ORM does, on SQLite too
        picture = (picture_url(model.user) if model.user
                   else avatar_url(model.author_email))  # fmt: skip
        assert node.avatar == picture
    assert any("<script>" not in n.comment.safe_html and "alert" in n.comment.content_html
               for n in nodes)  # fmt: skip
    assert any(n.avatar.startswith("/people/charlie/") for n in nodes), [n.avatar for n in nodes]


def test_the_two_ways_of_reading_thread_ids_agree(discussed, monkeypatch):
    DiscussionSettings.objects.create(blog=discussed.blog, threads_per_page=2, newest_first=True)
    post = Post.objects.select_related("blog", "author").get(pk=discussed.pk)

    def pages():
        return [[n.comment.pk for n in every_node(threads.build(post, page=n).threads)]
                for n in (1, 2)]  # fmt: skip

    listed = pages()
    monkeypatch.setattr(threads, "_ALL_IDS_UP_TO", 0)  # a busy post: a COUNT, then a page
    assert pages() == listed
    assert listed[0][0] > listed[1][0]  # newest first


def test_a_held_comment_alone_is_shown_to_its_writer(demo_blog):
    post = PostFactory(blog=demo_blog)
    held = Comment.objects.create(post=post, author_name="Zoë", content="First!")
    post = Post.objects.select_related("blog", "author").get(pk=post.pk)
    key = threads.held_comment_hash(held.pk)

    shown = threads.build(post, page=None, held_id=str(held.pk), held_hash=key).threads
    assert [(n.comment.pk, n.held) for n in shown] == [(held.pk, True)]
    assert threads.build(post, page=None, held_id=str(held.pk), held_hash="forged").threads == []


def test_a_page_with_nothing_to_show_asks_only_for_thread_ids(demo_blog):
    post = PostFactory(blog=demo_blog)
    post = Post.objects.select_related("blog", "author").get(pk=post.pk)
    DiscussionSettings.for_blog(post.blog)  # read (and kept) before the count
    with CaptureQueriesContext(connection) as captured:
        assert threads.build(post, page=None).threads == []
    assert [q["sql"].split(" FROM ")[0] for q in captured] == ["SELECT id"]
