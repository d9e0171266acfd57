"""An administrator gives the blog an icon in its settings, by uploading an image or picking
one from the media library: browsers show it in their tabs, readers beside the title. A file
that is not an image is refused by its content, as in the media library, and nothing typed
on the settings page is lost."""

from __future__ import annotations

import pytest
from django.test import Client

from byline.blogs.models import Blog
from byline.dashboard.tests.images import SCRIPT, SVG, image_bytes, upload
from byline.dashboard.tests.writing import errors_on, form_data, parsed, url
from byline.media.models import MediaItem


@pytest.fixture(autouse=True)
def page_cache_on(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAGE_CACHE_SECONDS = 86400


@pytest.fixture
def reader(db) -> Client:
    return Client()


def settings_form(client, blog) -> dict:
    return form_data(client.get(url("settings", blog)), form_id="settings")


def icon_on(reader, blog) -> tuple[str | None, str | None]:
    """Return the favicon's address and the header icon's address on the blog's home page."""
    page = parsed(reader.get(blog.get_absolute_url()))
    link = page.select_one("head link[rel='icon']")
    image = page.select_one(".site-title a img.site-icon")
    return (link["href"] if link else None), (image["src"] if image else None)


def test_alice_uploads_an_icon_and_every_blog_page_shows_it(signed_in, alice, reader, demo_blog):
    assert icon_on(reader, demo_blog) == (None, None)  # and the page is cached
    client = signed_in(alice)
    data = settings_form(client, demo_blog)

    saved = client.post(
        url("settings", demo_blog),
        {**data, "blog-icon_upload": upload("logo.png", image_bytes("PNG", (512, 512)))},
    )

    assert saved.status_code == 303
    icon = MediaItem.objects.get()
    assert (icon.mime_type, icon.uploaded_by, icon.width) == ("image/png", alice, 512)
    assert Blog.objects.get(pk=demo_blog.pk).icon == icon
    assert icon_on(reader, demo_blog) == (icon.url, icon.url)
    page = parsed(reader.get(demo_blog.get_absolute_url()))
    assert page.select_one("head link[rel='icon']")["type"] == "image/png"
    assert page.select_one(".site-title a").get_text(strip=True) == demo_blog.title
    assert page.select_one(".site-title img")["alt"] == ""  # the title beside it says it all


def test_the_icon_uses_the_smallest_copy_once_it_is_made(signed_in, alice, reader, demo_blog):
    from byline.dashboard.renditions import make_renditions

    client = signed_in(alice)
    client.post(
        url("settings", demo_blog),
        {
            **settings_form(client, demo_blog),
            "blog-icon_upload": upload("logo.png", image_bytes("PNG", (700, 700))),
        },
    )
    icon = MediaItem.objects.get()

    make_renditions.call(icon.pk)

    smallest = icon.renditions.get(width=320).file.url
    assert icon_on(reader, demo_blog) == (smallest, smallest)


def test_alice_picks_an_image_of_the_library_as_the_icon(signed_in, alice, reader, demo_blog):
    client = signed_in(alice)
    client.post(
        url("media", demo_blog), {"file": upload("mark.webp", image_bytes("WEBP", (64, 64)))}
    )
    mark = MediaItem.objects.get()
    data = settings_form(client, demo_blog)
    options = parsed(client.get(url("settings", demo_blog))).select("#id_blog-icon option")
    assert [o["value"] for o in options] == ["", str(mark.pk)]

    client.post(url("settings", demo_blog), {**data, "blog-icon": str(mark.pk)})

    assert icon_on(reader, demo_blog) == (mark.url, mark.url)
    client.post(url("settings", demo_blog), {**settings_form(client, demo_blog), "blog-icon": ""})
    assert icon_on(reader, demo_blog) == (None, None)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("logo.png", SCRIPT, "is not an image this library takes, whatever its name says"),
        ("logo.svg", SVG, "is an SVG image, which is not accepted"),
    ],
)
def test_a_file_that_is_not_an_image_is_refused_and_the_typed_title_kept(
    signed_in, alice, reader, demo_blog, name, content, says
):
    client = signed_in(alice)
    data = {**settings_form(client, demo_blog), "blog-title": "A title I just typed"}

    refused = client.post(
        url("settings", demo_blog), {**data, "blog-icon_upload": upload(name, content, "image/png")}
    )

    assert refused.status_code == 400
    assert says in errors_on(refused)["icon_upload"][0]
    assert parsed(refused).select_one("#id_blog-title")["value"] == "A title I just typed"
    assert not MediaItem.objects.exists()
    demo_blog.refresh_from_db()
    assert (demo_blog.title, demo_blog.icon) == ("Field Notes", None)
    assert icon_on(reader, demo_blog) == (None, None)


def test_an_oversized_icon_is_refused(signed_in, alice, demo_blog, settings):
    settings.BYLINE_UPLOAD_MAX_BYTES = 1000
    client = signed_in(alice)

    refused = client.post(
        url("settings", demo_blog),
        {
            **settings_form(client, demo_blog),
            "blog-icon_upload": upload("big.png", image_bytes("PNG", (400, 400))),
        },
    )

    assert refused.status_code == 400
    assert "the limit is" in errors_on(refused)["icon_upload"][0]


def test_deleting_the_icon_image_leaves_the_blog_without_one(signed_in, alice, reader, demo_blog):
    client = signed_in(alice)
    client.post(
        url("settings", demo_blog),
        {
            **settings_form(client, demo_blog),
            "blog-icon_upload": upload("logo.png", image_bytes("PNG", (64, 64))),
        },
    )
    icon = MediaItem.objects.get()
    assert icon_on(reader, demo_blog) == (icon.url, icon.url)

    client.post(url("delete_media", demo_blog, pk=icon.pk))

    assert reader.get(demo_blog.get_absolute_url()).status_code == 200
    assert icon_on(reader, demo_blog) == (None, None)
    assert client.get(url("settings", demo_blog)).status_code == 200


def test_an_image_of_another_blog_cannot_become_the_icon(signed_in, alice, olga, demo_blog):
    theirs = MediaItem.objects.create(
        blog=Blog.objects.get(slug="kitchen"),
        original_url="https://example.test/k.png",
        mime_type="image/png",
    )
    client = signed_in(alice)

    refused = client.post(
        url("settings", demo_blog),
        {**settings_form(client, demo_blog), "blog-icon": str(theirs.pk)},
    )

    assert refused.status_code == 400
    assert "no longer in the media library" in errors_on(refused)["icon"][0]
    assert Blog.objects.get(pk=demo_blog.pk).icon is None
