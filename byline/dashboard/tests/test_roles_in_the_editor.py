"""What each role may do in the editor, as in WordPress.

Contributors write drafts and submit them for review, and cannot publish; authors publish
their own posts; editors and administrators publish and edit everyone's.
"""

from __future__ import annotations

from byline.dashboard.tests.writing import edit_url, errors_on, form_data, parsed, url
from byline.posts.models import Post
from tests.factories import CategoryFactory, PostFactory


def status_choices(response) -> list[str]:
    return [o["value"] for o in parsed(response).select("#id_status option")]


def write(client, blog, **fields):
    data = form_data(client.get(url("new", blog, kind="post")))
    data.update(title="A walk", body_markdown="Words.", **fields)
    return client.post(url("new", blog, kind="post"), data)


def test_contributor_may_only_save_drafts_and_submit_for_review(signed_in, cora, demo_blog):
    client = signed_in(cora)
    assert status_choices(client.get(url("new", demo_blog, kind="post"))) == ["draft", "pending"]

    refused = write(client, demo_blog, status="published")

    assert refused.status_code == 400
    assert "status" in errors_on(refused)
    assert not Post.objects.exists()
    assert parsed(refused).select_one("#id_title")["value"] == "A walk"  # her text is kept

    write(client, demo_blog, status="pending")
    assert Post.objects.get().status == Post.Status.PENDING


def test_contributor_cannot_edit_her_post_once_an_editor_published_it(
    signed_in, cora, bob, demo_blog
):
    post = PostFactory(blog=demo_blog, author=cora, status=Post.Status.PENDING, published_at=None)
    editor = signed_in(bob)
    data = form_data(editor.get(edit_url(post)))
    assert "published" in status_choices(editor.get(edit_url(post)))
    data["status"] = "published"
    assert editor.post(edit_url(post), data).status_code == 303
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post.author == cora

    contributor = signed_in(cora)
    assert contributor.get(edit_url(post)).status_code == 404


def test_author_publishes_his_own_post(signed_in, amir, demo_blog):
    client = signed_in(amir)

    assert write(client, demo_blog, status="published").status_code == 303

    post = Post.objects.get()
    assert post.status == Post.Status.PUBLISHED and post.author == amir
    assert client.get(post.get_absolute_url()).status_code == 200


def test_author_cannot_edit_someone_elses_post(signed_in, amir, alice, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice)
    client = signed_in(amir)

    assert client.get(edit_url(post)).status_code == 404
    assert client.post(edit_url(post), {"title": "Mine", "status": "draft"}).status_code == 404


def test_only_editors_stick_posts_and_create_categories(signed_in, amir, bob, demo_blog):
    author_form = parsed(signed_in(amir).get(url("new", demo_blog, kind="post")))
    assert author_form.select_one("#id_sticky") is None
    assert author_form.select_one("#id_new_category") is None

    CategoryFactory(blog=demo_blog, name="Walks")
    client = signed_in(bob)
    write(client, demo_blog, status="published", sticky="on", new_category="Harbours")

    post = Post.objects.get()
    assert post.sticky
    assert [c.name for c in post.categories.all()] == ["Harbours"]


def test_editor_edits_anyones_post(signed_in, bob, amir, demo_blog):
    post = PostFactory(blog=demo_blog, author=amir, title="Amir's walk")
    client = signed_in(bob)
    data = form_data(client.get(edit_url(post)))
    data["title"] = "Amir's walk, edited"

    assert client.post(edit_url(post), data).status_code == 303

    post.refresh_from_db()
    assert post.title == "Amir's walk, edited" and post.author == amir


def test_only_editors_write_pages(signed_in, amir, bob, demo_blog):
    assert signed_in(amir).get(url("new", demo_blog, kind="page")).status_code == 404
    client = signed_in(bob)
    data = form_data(client.get(url("new", demo_blog, kind="page")))
    data.update(title="About", body_markdown="Who we are.", status="published")

    assert client.post(url("new", demo_blog, kind="page"), data).status_code == 303
    assert client.get(Post.objects.pages().get().get_absolute_url()).status_code == 200


def test_a_page_cannot_be_put_below_its_own_child(signed_in, bob, demo_blog):
    from tests.factories import PageFactory

    about = PageFactory(blog=demo_blog, slug="about")
    team = PageFactory(blog=demo_blog, slug="team", parent=about)
    client = signed_in(bob)
    page = client.get(url("edit", demo_blog, kind="page", pk=about.pk))
    offered = [o["value"] for o in parsed(page).select("#id_parent option") if o["value"]]
    assert str(team.pk) not in offered

    data = form_data(page)
    data["parent"] = str(team.pk)
    assert client.post(url("edit", demo_blog, kind="page", pk=about.pk), data).status_code == 400
