"""Every save keeps a revision; the revisions page shows what changed and restores any of them."""

from __future__ import annotations

from byline.dashboard.models import Revision
from byline.dashboard.tests.writing import edit_url, form_data, messages_on, parsed, url
from byline.posts.models import Post
from tests.factories import PostFactory


def save(client, post, **changes):
    data = form_data(client.get(edit_url(post)))
    data.update(changes)
    response = client.post(edit_url(post), data)
    assert response.status_code == 303, response.content.decode()[:2000]


def test_each_save_of_a_published_post_keeps_a_revision(signed_in, alice, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice, title="Harbour", body_markdown="Gulls.")
    client = signed_in(alice)

    save(client, post, body_markdown="Gulls and boats.")
    save(client, post, body_markdown="Gulls, boats and fog.")
    save(client, post)  # nothing changed: no new revision

    bodies = list(
        Revision.objects.saved().filter(post=post).values_list("body_markdown", flat=True)
    )
    assert bodies == ["Gulls, boats and fog.", "Gulls and boats.", "Gulls."]  # newest first
    page = parsed(client.get(url("revisions", demo_blog, kind="post", pk=post.pk)))
    assert len(page.select(".revision-list li")) == 3
    assert "before its first edit" in page.select(".revision-list li")[-1].text


def test_a_revision_shows_what_its_save_changed(signed_in, alice, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice, body_markdown="One.\nTwo.\nThree.")
    client = signed_in(alice)
    save(client, post, body_markdown="One.\nTwo, changed.\nThree.")
    newest = Revision.objects.saved().filter(post=post).first()

    page = parsed(client.get(url("revision", demo_blog, kind="post", pk=post.pk,
                                  revision=newest.pk)))  # fmt: skip

    changes = page.find(id="changes-heading").find_parent("section")
    assert [li.get_text(strip=True) for li in changes.select(".diff-removed")] == ["Removed:Two."]
    assert [li.get_text(strip=True) for li in changes.select(".diff-added")] == [
        "Added:Two, changed."
    ]


def test_restoring_the_first_revision_brings_its_text_back(signed_in, alice, guest, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice, title="First title", body_markdown="First.")
    client = signed_in(alice)
    save(client, post, title="Second title", body_markdown="Second.")
    save(client, post, title="Third title", body_markdown="Third.")
    first = Revision.objects.saved().filter(post=post).last()

    done = client.post(url("restore", demo_blog, kind="post", pk=post.pk, revision=first.pk),
                       follow=True)  # fmt: skip

    post.refresh_from_db()
    assert (post.title, post.body_markdown) == ("First title", "First.")
    assert any("Revision restored" in m for m in messages_on(done))
    assert "First." in client.get(post.get_absolute_url()).content.decode()
    # Restoring is itself a revision, so the third version can come back too.
    latest = Revision.objects.saved().filter(post=post).first()
    assert latest.title == "First title" and "Restored" in latest.note
    assert Revision.objects.saved().filter(post=post, title="Third title").exists()


def test_a_tab_open_before_a_restore_is_told_of_it(signed_in, alice, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice)
    client = signed_in(alice)
    save(client, post, title="Changed")
    tab = form_data(client.get(edit_url(post)))
    first = Revision.objects.saved().filter(post=post).last()
    client.post(url("restore", demo_blog, kind="post", pk=post.pk, revision=first.pk))

    tab["title"] = "Typed in the old tab"
    assert client.post(edit_url(post), tab).status_code == 409
    assert Post.objects.get().title == first.title
