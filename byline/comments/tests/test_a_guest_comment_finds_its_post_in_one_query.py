"""A guest's comment finds its blog, the blog's rules and the post in one query (issue #8).

A guest reads only what is published, so the comment POST asks for the three at once
(comments/target.py); what it does not find (a draft, a private post, another blog's
post) it looks up the usual way, which answers 404 as before. A signed-in reader, who
may comment on a private post, is read the usual way too.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.blogs.models import Blog
from byline.comments.models import Comment, DiscussionSettings
from byline.posts.models import Post
from tests.factories import BlogFactory, PageFactory, PostFactory

from .commenting import GUEST, fill_and_send, form_fields, send_counting_queries


def post_comment(client, writing, **typed):
    """Send the form from the writing's page; return the answer and the SELECTs it made."""
    answer, queries = send_counting_queries(client, writing, **typed)
    return answer, [sql for sql in queries if sql.startswith("SELECT")]


@pytest.fixture(params=["post", "page"])
def writing(request, demo_blog):
    DiscussionSettings.objects.create(blog=demo_blog, comments_on_pages=True,
                                      hold_first_comment=False)  # fmt: skip
    factory = PostFactory if request.param == "post" else PageFactory
    return factory(blog=demo_blog)


def test_a_comment_reads_the_blog_its_rules_and_the_post_at_once(guest, writing):
    answer, selects = post_comment(guest, writing, comment="Well seen.")
    assert answer.status_code == 303
    stored = Comment.objects.get(content="Well seen.")
    assert stored.status == Comment.Status.APPROVED  # the blog's rules were applied
    assert answer["Location"] == f"{writing.get_absolute_url()}#comment-{stored.pk}"
    # The blog, its rules and the post; then the duplicate check. Nothing else is read.
    [lookup, duplicate] = selects
    for table in ("blogs_blog", "comments_discussionsettings", "posts_post"):
        assert table in lookup, table
    assert "comments_comment" in duplicate


def test_a_reply_reads_its_parent_once(guest, writing):
    parent = Comment.objects.create(post=writing, author_name="A", content="First.",
                                    status="approved")  # fmt: skip
    answer, selects = post_comment(guest, writing, comment="Agreed.", parent=str(parent.pk))
    assert answer.status_code == 303
    reply = Comment.objects.get(content="Agreed.")
    assert (reply.parent, reply.thread_id, reply.depth) == (parent, parent.pk, 2)
    assert len(selects) == 3  # the lookup, the parent, the duplicate check


def test_a_blog_that_never_changed_its_rules_holds_a_first_comment(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    assert not DiscussionSettings.objects.filter(blog=demo_blog).exists()
    answer, _ = post_comment(guest, post, comment="Hello.")
    assert answer.status_code == 303
    assert Comment.objects.get(content="Hello.").status == Comment.Status.PENDING
    assert "unapproved=" in answer["Location"]


@pytest.mark.parametrize("status", [Post.Status.DRAFT, Post.Status.PRIVATE])
def test_what_a_guest_cannot_read_takes_no_comment(guest, demo_blog, status):
    post = PostFactory(blog=demo_blog)
    fields = form_fields(guest.get(post.get_absolute_url()))
    Post.objects.filter(pk=post.pk).update(status=status)
    fields.update(GUEST, comment="Sneaky.")
    assert guest.post(post.get_absolute_url(), fields).status_code == 404
    assert not Comment.objects.filter(content="Sneaky.").exists()


def test_another_blogs_post_is_not_found_under_this_blog(guest, demo_blog):
    other = PostFactory(blog=BlogFactory(slug="elsewhere"))
    address = other.get_absolute_url().replace("/elsewhere/", "/demo/")
    answer = guest.post(address, {**GUEST, "comment": "Lost?"})
    assert answer.status_code == 404


def test_an_old_date_in_the_address_is_sent_to_the_right_one(guest, demo_blog):
    post = PostFactory(blog=demo_blog)
    wrong = post.get_absolute_url().replace(f"/{post.pub_date.year}/", "/1999/")
    answer = guest.post(wrong, {**GUEST, "comment": "Late."})
    assert (answer.status_code, answer["Location"]) == (301, post.get_absolute_url())


def test_a_member_comments_on_a_private_post(signed_in, alice, demo_blog):
    post = PostFactory(blog=demo_blog, status=Post.Status.PRIVATE)
    client = signed_in(alice)
    answer = fill_and_send(client, post, comment="Note to self.")
    assert answer.status_code == 303
    assert Comment.objects.get(content="Note to self.").user == alice


def test_the_found_blog_is_the_one_the_orm_reads(demo_blog):
    from byline.comments.target import find_for_guest

    DiscussionSettings.objects.create(blog=demo_blog, thread_depth=3, close_after_days=9)
    post = PostFactory(blog=demo_blog)
    found = find_for_guest("demo", Post.Kind.POST, slug=post.slug)
    expected = Post.objects.get(pk=post.pk)
    blog = Blog.objects.select_related("discussion").get(pk=demo_blog.pk)
    for field in Post._meta.concrete_fields:
        if field.attname not in ("body_markdown", "body_html", "search_text"):
            assert getattr(found, field.attname) == getattr(expected, field.attname), field
    assert found.get_deferred_fields() == {"body_markdown", "body_html", "search_text"}
    for field in Blog._meta.concrete_fields:
        assert getattr(found.blog, field.attname) == getattr(blog, field.attname), field
    for field in DiscussionSettings._meta.concrete_fields:
        assert getattr(found.blog.discussion, field.attname) == getattr(
            blog.discussion, field.attname
        ), field
    with CaptureQueriesContext(connection) as captured:
        assert found.body_html == expected.body_html  # read when asked for, as deferred
    assert len(captured) == 1
