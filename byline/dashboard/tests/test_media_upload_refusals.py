"""The media library refuses what is not a JPEG, PNG, GIF or WebP image, judged by content,
and says why: a script renamed .jpg, SVG, a file over the size limit, an image bomb."""

from __future__ import annotations

import pytest

from byline.dashboard.tests.images import SCRIPT, SVG, image_bytes, png_claiming, upload
from byline.dashboard.tests.writing import parsed, url
from byline.media.models import MediaItem


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def refusal(client, blog, file) -> str:
    response = client.post(url("media", blog), {"file": file, "alt_text": "A view"})
    assert response.status_code == 400
    assert not MediaItem.objects.exists()
    return parsed(response).select_one(".form-errors").get_text(" ", strip=True)


def test_a_script_renamed_jpg_is_refused(signed_in, alice, demo_blog, tmp_path):
    message = refusal(signed_in(alice), demo_blog, upload("holiday.jpg", SCRIPT))

    assert message == ("“holiday.jpg” is not an image this library takes, whatever its name "
                       "says: upload a JPEG, PNG, GIF or WebP file.")  # fmt: skip
    assert not any(tmp_path.rglob("*.jpg"))


def test_svg_is_refused_even_named_png(signed_in, alice, demo_blog):
    message = refusal(signed_in(alice), demo_blog, upload("logo.png", SVG, "image/png"))

    assert "is an SVG image, which is not accepted: SVG files can carry scripts" in message


def test_an_image_over_the_size_limit_is_refused_with_the_limit(signed_in, alice, demo_blog,
                                                                 settings):  # fmt: skip
    settings.BYLINE_UPLOAD_MAX_BYTES = 1024 * 1024
    big = image_bytes("BMP", size=(1000, 600))  # about 1.7 MB

    message = refusal(signed_in(alice), demo_blog, upload("big.jpg", big))

    assert message == ("“big.jpg” is 1.7 MB; the limit is 1 MB. Make the image smaller and "
                       "upload it again.")  # fmt: skip


@pytest.mark.parametrize("width, height", [(8000, 6000), (100_000, 100_000)])
def test_an_image_bomb_is_refused_before_it_is_decoded(signed_in, alice, demo_blog, width, height):
    bomb = png_claiming(width, height)
    assert len(bomb) < 200  # a few bytes that would decode to gigabytes

    message = refusal(signed_in(alice), demo_blog, upload("tiny.png", bomb, "image/png"))

    assert "is too large an image" in message
    assert "at most 40 million pixels are accepted" in message


def test_other_image_formats_are_refused_by_name(signed_in, alice, demo_blog):
    message = refusal(signed_in(alice), demo_blog, upload("scan.jpg", image_bytes("BMP", (10, 10))))

    assert message == "“scan.jpg” is a BMP image; upload a JPEG, PNG, GIF or WebP image instead."


def test_a_truncated_image_is_refused(signed_in, alice, demo_blog):
    broken = image_bytes("PNG", (300, 200))[:200]

    message = refusal(signed_in(alice), demo_blog, upload("cut.png", broken, "image/png"))

    assert "is not an image this library takes" in message


def test_contributors_cannot_upload(signed_in, cora, demo_blog):
    client = signed_in(cora)
    assert client.get(url("media", demo_blog)).status_code == 404
    response = client.post(url("media", demo_blog), {"file": upload("a.png", image_bytes())})
    assert response.status_code == 404
    assert not MediaItem.objects.exists()
