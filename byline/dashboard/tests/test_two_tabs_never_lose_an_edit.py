"""Two tabs (or two people) edit the same post: the second save shows both versions.

The writer who saves second sees what the first saved and what they wrote, their text
stays in the editor, and a copy of it is kept among the revisions: nothing is lost.
"""

from __future__ import annotations

from byline.dashboard.models import Revision
from byline.dashboard.tests.writing import edit_url, form_data, parsed
from byline.posts.models import Post
from tests.factories import PostFactory


def test_the_second_save_shows_both_versions_and_keeps_both(signed_in, alice, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice, body_markdown="First line.\nSecond line.")
    client = signed_in(alice)
    tab_one = form_data(client.get(edit_url(post)))
    tab_two = form_data(client.get(edit_url(post)))

    tab_one["body_markdown"] = "First line.\nSecond line, from tab one."
    assert client.post(edit_url(post), tab_one).status_code == 303
    tab_two["body_markdown"] = "First line.\nSecond line, from tab two."
    clash = client.post(edit_url(post), tab_two)

    assert clash.status_code == 409
    page = parsed(clash)
    assert "changed since you opened it" in page.select_one(".notice-conflict h2").text
    assert [li.get_text(strip=True) for li in page.select(".diff-removed")] == [
        "Removed:Second line, from tab one."
    ]
    assert [li.get_text(strip=True) for li in page.select(".diff-added")] == [
        "Added:Second line, from tab two."
    ]
    # Tab two's text is still in its editor, and kept aside in the database.
    assert page.select_one("#id_body_markdown").text.endswith("Second line, from tab two.")
    kept = Revision.objects.get(post=post, kind=Revision.Kind.UNSAVED)
    assert kept.body_markdown.endswith("from tab two.")
    post.refresh_from_db()
    assert post.body_markdown.endswith("from tab one.")


def test_saving_again_after_seeing_the_conflict_keeps_my_version(signed_in, alice, demo_blog):
    post = PostFactory(blog=demo_blog, author=alice)
    client = signed_in(alice)
    tab_one = form_data(client.get(edit_url(post)))
    tab_two = form_data(client.get(edit_url(post)))
    tab_one["title"] = "Tab one's title"
    client.post(edit_url(post), tab_one)
    tab_two["title"] = "Tab two's title"
    clash = client.post(edit_url(post), tab_two)

    again = client.post(edit_url(post), form_data(clash))

    assert again.status_code == 303
    post.refresh_from_db()
    assert post.title == "Tab two's title"
    assert Revision.objects.filter(post=post, title="Tab one's title").exists()


def test_two_people_editing_at_once_are_told_too(signed_in, alice, bob, demo_blog, client):
    from django.test import Client

    post = PostFactory(blog=demo_blog, author=alice)
    alices, bobs = Client(), Client()
    alices.force_login(alice)
    bobs.force_login(bob)
    hers, his = form_data(alices.get(edit_url(post))), form_data(bobs.get(edit_url(post)))
    hers["excerpt"], his["excerpt"] = "Alice's summary.", "Bob's summary."

    assert alices.post(edit_url(post), hers).status_code == 303
    assert bobs.post(edit_url(post), his).status_code == 409
    assert Post.objects.get().excerpt == "Alice's summary."


def test_a_post_published_by_the_worker_meanwhile_is_a_conflict_too(signed_in, alice, demo_blog):
    import datetime

    from django.utils import timezone

    from byline.dashboard.scheduling import publish_due_posts

    soon = timezone.now() + datetime.timedelta(minutes=5)
    post = PostFactory(blog=demo_blog, author=alice, status="scheduled", published_at=soon)
    client = signed_in(alice)
    tab = form_data(client.get(edit_url(post)))
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now())
    publish_due_posts()

    tab["title"] = "Edited while it went live"
    assert client.post(edit_url(post), tab).status_code == 409
