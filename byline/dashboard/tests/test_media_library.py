"""An author uploads an image; it is stored under the name of what it really is, its smaller
copies are made in the background, and a post that shows it serves them with srcset."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from byline.dashboard.models import Rendition
from byline.dashboard.renditions import make_renditions
from byline.dashboard.tests.images import image_bytes, upload
from byline.dashboard.tests.writing import parsed, url
from byline.media.models import MediaItem
from tests.factories import PostFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def send(client, blog, name, content, **fields):
    return client.post(url("media", blog), {"file": upload(name, content), **fields}, follow=True)


def test_an_author_uploads_a_png_named_jpg_and_it_is_kept_as_png(signed_in, amir, demo_blog,
                                                                 tmp_path):  # fmt: skip
    response = send(signed_in(amir), demo_blog, "Harbour at Dawn.jpg", image_bytes("PNG"),
                    alt_text="Boats at dawn")  # fmt: skip

    item = MediaItem.objects.get()
    assert (item.mime_type, item.width, item.height) == ("image/png", 2000, 1200)
    assert item.file.name.endswith("/harbour-at-dawn.png")
    assert (tmp_path / item.file.name).read_bytes()[:4] == b"\x89PNG"
    snippet = parsed(response).select_one(f"#markdown-{item.pk}")["value"]
    assert snippet == f"![Boats at dawn]({item.url})"


def test_renditions_are_made_in_the_background(signed_in, alice, demo_blog):
    send(signed_in(alice), demo_blog, "wide.jpg", image_bytes("JPEG", size=(1800, 900)))
    item = MediaItem.objects.get()

    assert not Rendition.objects.exists()  # the upload answered without making them
    assert DBTaskResult.objects.filter(task_path__endswith="make_renditions").count() == 1
    assert make_renditions.call(item.pk) == 4

    assert [(r.width, r.height) for r in item.renditions.all()] == [
        (320, 160), (640, 320), (1024, 512), (1600, 800)]  # fmt: skip
    assert make_renditions.call(item.pk) == 0  # run twice, made once


def test_a_post_showing_the_image_gets_srcset_once_renditions_exist(signed_in, alice, guest,
                                                                    demo_blog):  # fmt: skip
    send(signed_in(alice), demo_blog, "pier.jpg", image_bytes("JPEG", size=(1200, 800)))
    item = MediaItem.objects.get()
    post = PostFactory(blog=demo_blog, body_markdown=f"Look:\n\n![The pier]({item.url})")
    image = parsed(guest.get(post.get_absolute_url())).select_one(".entry-content img")
    assert image.get("srcset") is None and image["width"] == "1200"

    make_renditions.call(item.pk)

    guest.logout()
    image = parsed(guest.get(post.get_absolute_url())).select_one(".entry-content img")
    widths = [part.split()[-1] for part in image["srcset"].split(", ")]
    assert widths == ["320w", "640w", "1024w", "1200w"]
    assert image["alt"] == "The pier" and image["loading"] == "lazy"


def test_an_editor_writes_the_alt_text_later(signed_in, alice, bob, demo_blog):
    send(signed_in(alice), demo_blog, "fog.jpg", image_bytes("JPEG", size=(400, 300)))
    item = MediaItem.objects.get()
    client = signed_in(bob)

    client.post(url("media_item", demo_blog, pk=item.pk),
                {"title": "Fog", "alt_text": "Fog over the bay", "caption": ""})  # fmt: skip

    item.refresh_from_db()
    assert item.alt_text == "Fog over the bay"
    library = parsed(client.get(url("media", demo_blog)))
    assert library.select_one(f"#media-{item.pk} img")["alt"] == "Fog over the bay"


def test_the_editor_offers_recent_images_to_insert(signed_in, alice, demo_blog):
    client = signed_in(alice)
    send(client, demo_blog, "fog.jpg", image_bytes("JPEG", size=(400, 300)), alt_text="Fog")
    item = MediaItem.objects.get()

    editor = parsed(client.get(url("new", demo_blog, kind="post")))

    button = editor.select_one(".editor-media button")
    assert button["data-insert-markdown"] == f"![Fog]({item.url})"


def test_uploaded_media_is_served(signed_in, alice, guest, demo_blog):
    send(signed_in(alice), demo_blog, "fog.gif", image_bytes("GIF", size=(40, 30)))
    item = MediaItem.objects.get()

    response = guest.get(item.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
