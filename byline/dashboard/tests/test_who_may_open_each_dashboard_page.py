"""Every dashboard page of a blog, walked by every role, a member of another blog and a stranger.

Each persona gets exactly what WordPress's role allows; everyone else gets a 404 (never a
403, which would confirm that a draft or a setting exists), and guests are sent to log in.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from byline.dashboard.models import Revision
from byline.dashboard.tests.writing import url
from byline.media.models import MediaItem
from byline.posts.models import Post
from tests.factories import PageFactory, PostFactory

ADMIN, EDITOR, AUTHOR, CONTRIBUTOR = {"alice"}, {"alice", "bob"}, {"alice", "bob", "amir"}, {
    "alice", "bob", "amir", "cora"}  # fmt: skip
PERSONAS = ["alice", "bob", "amir", "cora", "charlie", "olga"]


@pytest.fixture
def scene(demo_blog, alice, bob, amir, cora, charlie, olga):
    """One post of each kind that matters, by each writer, on the demo blog."""
    Draft = Post.Status.DRAFT
    posts = {
        "alice's post": PostFactory(blog=demo_blog, author=alice),
        "amir's draft": PostFactory(blog=demo_blog, author=amir, status=Draft, published_at=None),
        "cora's draft": PostFactory(blog=demo_blog, author=cora, status=Draft, published_at=None),
        "cora's published post": PostFactory(blog=demo_blog, author=cora),
        "a page": PageFactory(blog=demo_blog, author=alice),
    }
    revision = Revision.of(posts["alice's post"], alice)
    revision.save()
    # An imported image has no uploader; the others are their uploaders' own (issue #6).
    media = {
        f"{owner}'s image" if owner else "an imported image": MediaItem.objects.create(
            blog=demo_blog, original_url="https://example.test/a.jpg", mime_type="image/jpeg",
            uploaded_by=uploader)
        for owner, uploader in (("", None), ("alice", alice), ("amir", amir), ("cora", cora))
    }  # fmt: skip
    people = {"alice": alice, "bob": bob, "amir": amir, "cora": cora, "charlie": charlie,
              "olga": olga}  # fmt: skip
    return posts, revision, media, people


def pages(blog, posts, revision, media) -> dict[str, tuple[str, set[str]]]:
    """Return each dashboard address of the blog, with who may open it."""

    def post_pages(key, allowed):
        p = posts[key]
        at = {"kind": p.kind, "pk": p.pk}
        # Writers see their own posts listed (and previewed) even once they may not edit them.
        readers = allowed | ({p.author.username} if p.kind == "post" else set())
        return {f"edit {key}": (url("edit", blog, **at), allowed),
                f"preview {key}": (url("view", blog, **at), readers),
                f"revisions of {key}": (url("revisions", blog, **at), allowed)}  # fmt: skip

    return {
        "overview": (url("blog", blog), CONTRIBUTOR),
        "posts": (url("posts", blog, kind="post"), CONTRIBUTOR),
        "posts in the trash": (url("posts", blog, kind="post") + "?status=trash", CONTRIBUTOR),
        "new post": (url("new", blog, kind="post"), CONTRIBUTOR),
        "pages": (url("posts", blog, kind="page"), EDITOR),
        "new page": (url("new", blog, kind="page"), EDITOR),
        **post_pages("alice's post", EDITOR),
        **post_pages("amir's draft", EDITOR | {"amir"}),
        **post_pages("cora's draft", EDITOR | {"cora"}),
        **post_pages("cora's published post", EDITOR),
        **post_pages("a page", EDITOR),
        "a revision": (
            url("revision", blog, kind="post", pk=posts["alice's post"].pk, revision=revision.pk),
            EDITOR,
        ),  # fmt: skip
        "settings": (url("settings", blog), ADMIN),
        "menus": (url("menus", blog), ADMIN),
        "members": (url("members", blog), ADMIN),
        "media": (url("media", blog), AUTHOR),
        # Editors describe any image; authors (and a contributor who uploaded one while she
        # was an author) only their own, as WordPress's edit_post on an attachment.
        **{f"edit {name}": (url("media_item", blog, pk=item.pk),
                            EDITOR | {name.removesuffix("'s image")})
           for name, item in media.items()},
    }  # fmt: skip


def test_each_persona_opens_exactly_the_pages_their_role_allows(scene, demo_blog, client):
    posts, revision, media, people = scene
    wrong = []
    for persona in PERSONAS:
        client.force_login(people[persona])
        for name, (address, allowed) in pages(demo_blog, posts, revision, media).items():
            expected = 200 if persona in allowed else 404
            got = client.get(address).status_code
            if got != expected:
                wrong.append(f"{persona} on {name} ({address}): {got}, expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_a_guest_is_asked_to_log_in_on_every_page(scene, demo_blog, guest):
    posts, revision, media, _ = scene
    login = resolve_url(settings.LOGIN_URL)
    for name, (address, _) in pages(demo_blog, posts, revision, media).items():
        response = guest.get(address)
        assert response.status_code == 302, name
        assert response["Location"].startswith(login), name


def test_the_post_list_shows_writers_their_own_posts_only(scene, demo_blog, signed_in):
    from byline.dashboard.tests.writing import parsed

    posts, _, _, people = scene

    def listed(persona):
        page = parsed(signed_in(people[persona]).get(url("posts", demo_blog, kind="post")))
        return {row.select_one(".title-column strong").get_text(strip=True)
                for row in page.select("tr.post-row")}  # fmt: skip

    everyone = {p.title for key, p in posts.items() if key != "a page"}
    assert listed("alice") == everyone
    assert listed("bob") == everyone
    assert listed("amir") == {posts["amir's draft"].title}
    assert listed("cora") == {posts["cora's draft"].title, posts["cora's published post"].title}
