"""Every place that takes an image refuses a decompression bomb, before decoding it, and says why.

A PNG of a few hundred bytes can claim 50,000 × 50,000 pixels: 2.5 billion pixels, about
10 GB once decoded. The media library (byline/dashboard/uploads.py), the blog icon (the same
check) and the profile picture (byline/accounts/avatars.py) read the header first and refuse.
XML bombs in an import are refused by the WXR reader (byline/porting/tests/test_hostile_files.py:
external entities, billion laughs, broken and cut-short files).
"""

from __future__ import annotations

import struct

import pytest

from byline.dashboard.tests.images import image_bytes, png_claiming, upload
from byline.dashboard.tests.writing import errors_on, form_data, url
from byline.media.models import MediaItem

BOMB = png_claiming(50_000, 50_000)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_bomb_is_small_and_claims_billions_of_pixels():
    assert len(BOMB) < 200
    assert struct.unpack(">II", BOMB[16:24]) == (50_000, 50_000)  # the PNG header's size


def test_the_media_library_refuses_it(signed_in, alice, demo_blog):
    client = signed_in(alice)
    bomb = upload("tiny.png", BOMB, "image/png")
    refused = client.post(url("media", demo_blog), {"file": bomb, "alt_text": "A view"})
    assert refused.status_code == 400
    says = refused.content.decode()
    assert "is too large an image" in says and "at most 40 million pixels" in says
    assert not MediaItem.objects.exists()


def test_the_blog_icon_refuses_it_and_keeps_what_was_typed(signed_in, alice, demo_blog):
    client = signed_in(alice)
    form = form_data(client.get(url("settings", demo_blog)), form_id="settings")
    data = {**form, "blog-title": "Typed title"}
    data["blog-icon_upload"] = upload("icon.png", BOMB, "image/png")
    refused = client.post(url("settings", demo_blog), data)
    assert refused.status_code == 400
    assert "too large an image" in errors_on(refused)["icon_upload"][0]
    assert 'value="Typed title"' in refused.content.decode()
    demo_blog.refresh_from_db()
    assert demo_blog.icon is None


def test_the_profile_picture_refuses_it(signed_in, charlie):
    client = signed_in(charlie)
    bomb = upload("me.png", BOMB, "image/png")
    refused = client.post("/accounts/profile/", {"display_name": "Charlie typed", "picture": bomb})
    assert "too large in pixels" in refused.content.decode()
    charlie.refresh_from_db()
    assert not charlie.avatar and charlie.display_name != "Charlie typed"
    # A real picture still goes through the same form.
    picture = upload("me.png", image_bytes("PNG", (40, 40)))
    fine = client.post("/accounts/profile/", {"display_name": "Charlie", "picture": picture})
    assert fine.status_code in (200, 302)
    charlie.refresh_from_db()
    assert charlie.avatar
