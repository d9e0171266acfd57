"""The comment threads drawn in Python are, byte for byte, what the templates drew.

byline.comments.thread_html replaced 100 nested includes of comments/_comment.html (and
social/_comment_like.html) for speed. The two templates, as they were, are kept in
reference/ and rendered here beside thread_html over the same threads: guests and signed-in
readers, members and strangers, links and markup in names, a pingback, a held comment,
likes, open and closed comments, and a blog time zone with times either side of noon.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import get_token
from django.template import Context, Engine
from django.test import RequestFactory
from django.utils import timezone

from byline.comments import thread_html, threads
from byline.comments.models import Comment, DiscussionSettings
from byline.posts.models import Post
from byline.social import likes
from byline.social.models import Like
from tests.factories import PostFactory, UserFactory

REFERENCE = Engine(
    dirs=[str(Path(__file__).parent / "reference")],
    libraries={"comment_html": "byline.comments.templatetags.comment_html"},
)
SECTION = REFERENCE.from_string(
    '{% for node in discussion.threads %}{% include "_comment.html" with node=node %}{% endfor %}'
)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def as_the_templates_drew_it(discussion, post, request) -> str:
    mine = likes.of_comments(post.pk, request.user)

    def mark(node):
        node.like_count, node.liked = mine.of(node.comment.pk)
        for child in node.children:
            mark(child)

    for node in discussion.threads:
        mark(node)
    context = {"discussion": discussion, "request": request, "user": request.user}
    if request.user.is_authenticated:
        context["csrf_token"] = get_token(request)
    return SECTION.render(Context(context))


def same_tokens(html: str) -> str:
    # Each csrf_token is masked afresh (against BREACH); any one of them is as good.
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', html)


@pytest.fixture
def busy_post(demo_blog, bob, charlie):
    demo_blog.time_zone = "America/New_York"
    demo_blog.save()
    post = PostFactory(blog=demo_blog, author=bob)
    noon = datetime.datetime(2026, 3, 4, 17, 0, 5, tzinfo=datetime.UTC)  # 12:00 in New York

    def say(minutes: int, **fields) -> Comment:
        fields.setdefault("status", "approved")
        fields.setdefault("content", f"Said at {minutes}")
        fields.setdefault("author_name", "Guest")
        when = noon + datetime.timedelta(minutes=minutes)
        return Comment.objects.create(post=post, created_at=when, **fields)

    text = "Hi <script>alert(1)</script> <b>bold</b>\n\nhttps://example.org"
    first = say(-1, author_name='Eve "<b>x</b>" & co', author_url="https://eve.test/?a=1&b=<2>",
                author_email="eve@example.test", content=text)  # fmt: skip
    reply = say(1, parent=first, user=bob, author_name=bob.public_name, content="A member")
    say(700, parent=reply, user=charlie, author_name=charlie.public_name, content="Outsider")
    say(-720, kind="pingback", author_name="Other Blog", author_url="https://other.test/")
    held = say(3, status="pending", author_name="Held <i>", content="hold me")
    Like.objects.create(user=charlie, comment=first)
    Like.objects.create(user=bob, comment=first)
    Like.objects.create(user=charlie, comment=reply)
    return post, held


@pytest.mark.parametrize("closed", [False, True])
@pytest.mark.parametrize("viewer", ["guest", "charlie", "bob"])
def test_drawn_threads_match_the_templates(busy_post, viewer, closed, request):
    post, held = busy_post
    if closed:
        Post.objects.filter(pk=post.pk).update(comment_status=Post.CommentStatus.CLOSED)
    post = Post.objects.select_related("blog", "author").get(pk=post.pk)
    asking = RequestFactory().get(post.get_absolute_url())
    asking.user = AnonymousUser() if viewer == "guest" else request.getfixturevalue(viewer)
    discussion = threads.build(
        post, page=None, held_id=str(held.pk), held_hash=threads.held_comment_hash(held.pk)
    )
    with timezone.override(post.blog.time_zone):
        drawn = thread_html.draw(discussion, post, asking)
        expected = as_the_templates_drew_it(discussion, post, asking)
    assert same_tokens(drawn) == same_tokens(expected)
    # The scenes the comparison must have covered, so it cannot pass on an empty page.
    scenes = ("bypostauthor", "byblogmember", "comment-held", "(Pingback)", "2 likes",
              "12:01 p.m.", "11:59 a.m.", "12:00 a.m.", "-0500", "&lt;b&gt;x&lt;/b&gt;",
              "/people/bob/")  # fmt: skip
    for needle in scenes:
        assert needle in drawn, needle
    assert ("comment-reply-link" in drawn) is not closed
    assert ("csrfmiddlewaretoken" in drawn) is (viewer != "guest")


def test_a_liked_comment_reads_liked_for_its_liker(busy_post, charlie):
    post, _held = busy_post
    asking = RequestFactory().get("/")
    asking.user = charlie
    drawn = thread_html.draw(threads.build(post, page=None), post, asking)
    assert drawn.count("comment-like-button liked") == 2
    assert drawn.count('name="action" value="unlike"') == 2


def test_the_like_view_answers_htmx_with_the_same_link(busy_post, signed_in, charlie):
    post, _held = busy_post
    outsider = Comment.objects.get(content="Outsider")
    client = signed_in(charlie)
    answer = client.post(f"/read/like/comment/{outsider.pk}/", {"action": "like"},
                         HTTP_HX_REQUEST="true")  # fmt: skip
    assert answer.status_code == 200
    expected = thread_html.comment_like(outsider.pk, outsider.author_name, 1, True, "t")
    assert same_tokens(answer.content.decode()) == same_tokens(expected)


def test_a_stranger_with_a_picture_name_is_escaped_in_every_place(demo_blog):
    post = PostFactory(blog=demo_blog)
    stranger = UserFactory(username="mallory", display_name='"><img src=x onerror=alert(1)>')
    Comment.objects.create(post=post, user=stranger, author_name=stranger.public_name,
                           content="hello", status="approved")  # fmt: skip
    DiscussionSettings.objects.create(blog=demo_blog, use_gravatar=True)
    asking = RequestFactory().get("/")
    asking.user = AnonymousUser()
    drawn = thread_html.draw(threads.build(post, page=None), post, asking)
    assert "<img src=x" not in drawn
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in drawn
