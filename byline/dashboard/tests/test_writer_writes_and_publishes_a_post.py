"""A writer opens the editor, writes, previews, saves a draft, then publishes."""

from __future__ import annotations

from byline.dashboard.tests.writing import form_data, messages_on, parsed, url
from byline.posts.models import Post


def test_alice_saves_a_draft_then_publishes_it(signed_in, alice, demo_blog):
    client = signed_in(alice)
    page = client.get(url("new", demo_blog, kind="post"))
    assert page.status_code == 200
    data = form_data(page)
    data.update(title="Fog over the harbour", body_markdown="The *fog* came in at noon.",
                tag_names="fog, harbour")  # fmt: skip

    saved = client.post(url("new", demo_blog, kind="post"), data, follow=True)

    post = Post.objects.get(title="Fog over the harbour")
    assert post.status == Post.Status.DRAFT and post.author == alice
    assert "Draft saved." in messages_on(saved)
    assert sorted(t.name for t in post.tags.all()) == ["fog", "harbour"]
    assert client.get(post.get_absolute_url()).status_code == 404  # not public yet

    data = form_data(saved)
    data["status"] = "published"
    published = client.post(saved.redirect_chain[-1][0], data, follow=True)

    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post.published_at is not None
    assert "Post published." in messages_on(published)
    page = parsed(client.get(post.get_absolute_url()))
    assert page.select_one(".entry-content em").text == "fog"


def test_preview_button_shows_rendered_text_without_saving(signed_in, alice, demo_blog):
    client = signed_in(alice)
    data = form_data(client.get(url("new", demo_blog, kind="post")))
    body = "# Heading\n\n<script>alert(1)</script>\n\n**bold**"
    data.update(title="Preview me", body_markdown=body, preview="1")

    shown = client.post(url("new", demo_blog, kind="post"), data)

    assert shown.status_code == 200
    preview = parsed(shown).select_one("#preview-content")
    assert preview.select_one("h1").text == "Heading"
    assert preview.select_one("strong").text == "bold"
    assert preview.select_one("script") is None
    assert not Post.objects.filter(title="Preview me").exists()
    assert parsed(shown).select_one("#id_body_markdown").text.endswith("**bold**")
