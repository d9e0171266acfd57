"""Autosave: a draft is saved in place, a public post's edits are kept aside, conflicts say so."""

from __future__ import annotations

from byline.dashboard.models import Revision
from byline.dashboard.tests.writing import edit_url, form_data, parsed, url
from byline.posts.models import Post
from tests.factories import PostFactory


def autosave(client, post, **content):
    address = url("autosave", post.blog, kind=post.kind, pk=post.pk)
    return client.post(address, {"version": post.version, **content})


def test_a_draft_is_autosaved_in_place(signed_in, alice, demo_blog):
    draft = PostFactory(blog=demo_blog, author=alice, status="draft", published_at=None)

    answer = autosave(signed_in(alice), draft, title="Half-written", body_markdown="So far *so*")

    assert answer.status_code == 200
    assert answer.json()["saved"] and answer.json()["version"] == draft.version + 1
    draft.refresh_from_db()
    assert draft.title == "Half-written" and draft.body_html == "<p>So far <em>so</em></p>\n"


def test_a_published_post_keeps_its_text_until_the_writer_saves(signed_in, alice, guest, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice, body_markdown="Live text.")
    client = signed_in(alice)

    assert autosave(client, post, body_markdown="Unfinished rewrite.").json()["saved"]

    post.refresh_from_db()
    assert post.body_markdown == "Live text."
    kept = Revision.objects.get(post=post, kind=Revision.Kind.AUTOSAVE)
    assert kept.body_markdown == "Unfinished rewrite."
    editor = client.get(edit_url(post))
    assert parsed(editor).select_one(".notice-autosave a")["href"] == "?autosave=restore"
    restored = client.get(edit_url(post) + "?autosave=restore")
    assert parsed(restored).select_one("#id_body_markdown").text.strip() == "Unfinished rewrite."
    # Saving from the editor makes it the post's text and clears the autosave.
    client.post(edit_url(post), form_data(restored))
    assert Post.objects.get().body_markdown == "Unfinished rewrite."
    assert not Revision.objects.filter(kind=Revision.Kind.AUTOSAVE).exists()


def test_an_autosave_over_a_newer_version_is_refused(signed_in, alice, demo_blog):
    draft = PostFactory(blog=demo_blog, author=alice, status="draft", published_at=None)
    client = signed_in(alice)
    stale = draft.version
    autosave(client, draft, title="From tab one")

    answer = client.post(url("autosave", demo_blog, kind="post", pk=draft.pk),
                         {"version": stale, "title": "From tab two"})  # fmt: skip

    assert answer.status_code == 409 and answer.json()["conflict"]
    assert Post.objects.get().title == "From tab one"


def test_autosaving_a_new_post_makes_a_draft_to_keep_editing(signed_in, cora, demo_blog):
    client = signed_in(cora)

    answer = client.post(url("autosave_new", demo_blog, kind="post"),
                         {"title": "New thoughts", "body_markdown": "Begun."})  # fmt: skip

    post = Post.objects.get()
    assert (post.status, post.author, post.title) == ("draft", cora, "New thoughts")
    assert answer.json()["edit_url"] == edit_url(post)
    refused = client.post(url("autosave_new", demo_blog, kind="post"), {"body_markdown": "x"})
    assert refused.status_code == 400


def test_the_live_preview_renders_like_the_blog(signed_in, cora, demo_blog):
    typed = {"body_markdown": "Hi <img src=x onerror=alert(1)> *there*"}
    answer = signed_in(cora).post(url("preview", demo_blog), typed)

    assert answer.status_code == 200
    assert answer.content.decode() == '<p>Hi <img src="x"> <em>there</em></p>\n'
