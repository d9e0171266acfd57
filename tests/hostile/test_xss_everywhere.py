"""Every payload of the corpus, in every field a writer or reader fills, comes out inert.

Comments (text, name, website) are judged in byline/comments/tests/test_hostile_comments.py
and imported WordPress files in byline/porting/tests/test_hostile_files.py, with this same
corpus; here: posts and pages (title, Markdown and HTML bodies, excerpt, tags,
categories), blog titles and taglines, people's display names and bios, and the search box
that echoes what it was asked. A representative set runs in Chromium (test_in_browser.py).
"""

from __future__ import annotations

import feedparser
from django.test import Client

from byline.blogs.models import Blog, Membership
from byline.posts.models import Category, Post, Tag
from byline.posts.rendering import render_markdown, render_wordpress_html
from tests.factories import BlogFactory, MembershipFactory, PostFactory, UserFactory
from tests.hostile.inertness import parse, problems_in
from tests.hostile.pages import page_problems, smuggled
from tests.hostile.xss_payloads import NUL_PAYLOADS, PAYLOADS, POST_BODY_TAGS


def test_the_corpus_is_large_and_varied():
    assert len(PAYLOADS) >= 200 and len(set(PAYLOADS)) == len(PAYLOADS)
    assert sum("javascript:" in p.lower() for p in PAYLOADS) >= 20
    assert sum(" on" in p.lower() or "/on" in p.lower() for p in PAYLOADS) >= 60
    assert sum(p.startswith(("[", "![")) for p in PAYLOADS) >= 10  # Markdown links/images


def write_post(blog, author, n: int, text: str, body_format=Post.BodyFormat.MARKDOWN) -> Post:
    post = PostFactory(blog=blog, author=author, title=text[:300] or "x", slug=f"p{n}",
                       body_markdown=text, body_format=body_format, excerpt=text)  # fmt: skip
    post.tags.add(Tag.objects.create(blog=blog, name=text[:200], slug=f"t{n}"))
    post.categories.add(Category.objects.create(blog=blog, name=text[:200], slug=f"c{n}"))
    return post


def assert_inert(response, baseline=None, where="") -> None:
    assert response.status_code == 200, where
    page = parse(response.content)
    assert page_problems(page) == [], where
    if baseline is not None:
        assert smuggled(page, baseline) == [], where
    for body in page.select(".entry-content"):
        assert problems_in(body, allow=POST_BODY_TAGS) == [], where
    for own_text in page.select(".entry-title, .site-title, .tagline"):
        assert problems_in(own_text) == [], (where, str(own_text)[:400])


def test_both_renderers_make_every_payload_inert():
    for payload in PAYLOADS:
        for rendered in (render_markdown(payload), render_wordpress_html(payload)):
            assert problems_in(parse(rendered), allow=POST_BODY_TAGS) == [], payload
            assert "style=" not in rendered, payload  # the CSP would refuse it anyway


def test_posts_titles_bodies_excerpts_tags_and_categories(alice, demo_blog):
    calm = write_post(demo_blog, alice, 0, "Plain words only.")
    guest = Client()
    baseline = parse(guest.get(calm.get_absolute_url()).content)
    # Every other post is stored as WordPress HTML (as an import stores it), the rest as
    # Markdown; both renderers see every payload in the test above.
    formats = [Post.BodyFormat.MARKDOWN, Post.BodyFormat.HTML]
    posts = [write_post(demo_blog, alice, n, payload, formats[n % 2])
             for n, payload in enumerate(PAYLOADS, start=1)]  # fmt: skip
    for post, payload in zip(posts, PAYLOADS, strict=True):
        assert_inert(guest.get(post.get_absolute_url()), baseline, payload)
    pages = Post.objects.filter(blog=demo_blog).count() // 10 + 1
    for number in range(1, pages + 1):
        assert_inert(guest.get(f"/demo/page/{number}/" if number > 1 else "/demo/"))
    for n in (1, 5, 17, 60, 120, len(PAYLOADS)):
        assert_inert(guest.get(f"/demo/tag/t{n}/"), where=f"tag {n}")
        assert_inert(guest.get(f"/demo/category/c{n}/"), where=f"category {n}")
    for address in ("/demo/feed/", "/demo/feed/atom/", "/demo/tag/t1/feed/"):
        feed = feedparser.parse(guest.get(address).content)
        assert feed.entries, address
        for entry in feed.entries:
            assert problems_in(parse(entry.get("summary", "")), allow=POST_BODY_TAGS) == []
            for part in entry.get("content", []):
                assert problems_in(parse(part.value), allow=POST_BODY_TAGS) == []
            # A title is plain text, escaped once, as the RSS spec and Atom's type="text"
            # say; feedparser guesses HTML for an RSS title that looks like it, so only the
            # Atom feed's declared type is judged.
            if "atom" in address:
                assert entry.title_detail.type == "text/plain", entry.title
    # The writer's own views of them: the dashboard list, the editor, and its preview.
    alice_client = Client()
    alice_client.force_login(alice)
    kind = "posts"
    assert_inert(alice_client.get(f"/dashboard/demo/{kind}/"))
    for post in posts[::23]:
        assert page_problems(alice_client.get(f"/dashboard/demo/{kind}/{post.pk}/").content) == []
        preview = alice_client.post(
            "/dashboard/demo/preview/",
            {"body_markdown": post.body_markdown, "body_format": post.body_format},
        )
        assert preview.status_code == 200
        assert problems_in(parse(preview.content), allow=POST_BODY_TAGS) == []


def test_blog_titles_and_taglines(alice):
    reader = UserFactory(username="reader")
    guest, member = Client(), Client()
    member.force_login(alice)
    calm = BlogFactory(slug="calm", title="Calm", tagline="Quiet", owner=alice)
    PostFactory(blog=calm)
    baseline = parse(guest.get("/calm/").content)
    for n, payload in enumerate(PAYLOADS):
        blog = BlogFactory(slug=f"b{n}", title=payload[:200], tagline=payload[:300], owner=alice)
        MembershipFactory(blog=blog, user=alice, role=Membership.Role.ADMINISTRATOR)
        post = PostFactory(blog=blog)
        assert_inert(guest.get(f"/b{n}/"), baseline, payload)
        if n % 5 == 0:
            assert_inert(guest.get(post.get_absolute_url()), where=payload)
        if n % 10 == 0:
            assert page_problems(member.get(f"/dashboard/b{n}/").content) == [], payload
    assert Blog.objects.count() == len(PAYLOADS) + 1
    for address in ("/", "/dashboard/", "/read/discover/"):
        member.force_login(reader if address == "/read/discover/" else alice)
        response = member.get(address)
        assert response.status_code == 200, address
        assert page_problems(response.content) == [], address


def test_display_names_and_bios(demo_blog):
    guest = Client()
    calm = UserFactory(username="calm", display_name="Calm", bio="Quiet.")
    MembershipFactory(blog=demo_blog, user=calm, role=Membership.Role.AUTHOR)
    baseline = parse(guest.get("/people/calm/").content)
    for n, payload in enumerate(PAYLOADS):
        person = UserFactory(username=f"u{n}", display_name=payload[:150], bio=payload)
        MembershipFactory(blog=demo_blog, user=person, role=Membership.Role.AUTHOR)
        post = PostFactory(blog=demo_blog, author=person, slug=f"by-u{n}")
        assert_inert(guest.get(f"/people/u{n}/"), baseline, payload)
        if n % 4 == 0:
            assert_inert(guest.get(post.get_absolute_url()), where=payload)


def test_the_search_box_echoes_every_payload_inertly(demo_blog):
    guest = Client()
    PostFactory(blog=demo_blog)
    baseline = parse(guest.get("/demo/", {"s": "harbour"}).content)
    for payload in PAYLOADS:
        response = guest.get("/demo/", {"s": payload})
        assert_inert(response, baseline, payload)


def test_nul_characters_are_refused_with_a_clear_message(alice, demo_blog):
    client = Client()
    client.force_login(alice)
    for payload in NUL_PAYLOADS:
        response = client.post(
            "/dashboard/demo/posts/new/", {"title": payload, "body_markdown": "x"}
        )
        assert response.status_code in (200, 400), payload
        assert b"Null characters are not allowed" in response.content
        assert not Post.objects.filter(title__contains="alert").exists()
