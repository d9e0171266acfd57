"""A writer picks a featured image from the blog's media library in the editor (a plain
select, no script); readers see it above the post with its srcset and alternative text,
link previews and feeds carry it, and taking it away or deleting it never breaks the post."""

from __future__ import annotations

import json
from xml.dom import minidom

import feedparser
import pytest
from django.test import Client

from byline.dashboard.renditions import make_renditions
from byline.dashboard.tests.images import image_bytes, upload
from byline.dashboard.tests.writing import edit_url, errors_on, form_data, parsed, url
from byline.media.models import MediaItem
from byline.posts.models import Post
from tests.factories import BlogFactory, PostFactory


@pytest.fixture(autouse=True)
def page_cache_on(settings, tmp_path):
    """Readers' pages come from the page cache, as in production: every change must clear it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAGE_CACHE_SECONDS = 86400


@pytest.fixture
def reader(db) -> Client:
    """An anonymous reader with a client of their own (the `guest` fixture shares the writer's)."""
    return Client()


@pytest.fixture
def harbour(signed_in, amir, demo_blog) -> MediaItem:
    """An image Amir uploaded through the library, with its renditions made."""
    client = signed_in(amir)
    client.post(
        url("media", demo_blog),
        {
            "file": upload("harbour.jpg", image_bytes("JPEG")),
            "alt_text": "Boats in the harbour at dawn",
        },
    )
    item = MediaItem.objects.get()
    make_renditions.call(item.pk)
    return item


def choose(client, post, image) -> object:
    """Send the editor as the browser shows it, with `image` chosen (None: the empty choice)."""
    data = form_data(client.get(edit_url(post)))
    data["featured_image"] = str(image.pk) if image else ""
    return client.post(edit_url(post), {**data, "save": ""})


def featured(reader, post):
    return parsed(reader.get(post.get_absolute_url())).select_one(
        "article figure.featured-image img"
    )


def test_the_editor_offers_the_blogs_images_by_name(signed_in, amir, demo_blog, harbour):
    post = PostFactory(blog=demo_blog, author=amir)

    page = parsed(signed_in(amir).get(edit_url(post)))

    options = page.select("select#id_featured_image option")
    assert [(o["value"], o.get_text()) for o in options] == [
        ("", "None"),
        (str(harbour.pk), "harbour (2000 × 1200)"),
    ]
    assert page.find("label", attrs={"for": "id_featured_image"}).get_text() == "Featured image"


def test_an_author_features_an_image_and_readers_see_it_with_srcset_and_alt(
    signed_in, amir, reader, demo_blog, harbour
):
    post = PostFactory(blog=demo_blog, author=amir, title="Dawn")
    assert featured(reader, post) is None  # cached now, without the image

    saved = choose(signed_in(amir), post, harbour)

    assert saved.status_code == 303
    post.refresh_from_db()
    assert post.featured_image == harbour
    image = featured(reader, post)
    assert image["src"] == harbour.url
    assert image["alt"] == "Boats in the harbour at dawn"
    assert (image["width"], image["height"]) == ("2000", "1200")
    widths = [candidate.split()[-1] for candidate in image["srcset"].split(", ")]
    assert widths == ["320w", "640w", "1024w", "1600w", "2000w"]
    assert image["sizes"]


def test_link_previews_and_structured_data_name_the_image(
    signed_in, amir, reader, demo_blog, harbour
):
    post = PostFactory(blog=demo_blog, author=amir, featured_image=harbour)

    page = parsed(reader.get(post.get_absolute_url()))

    absolute = f"http://testserver{harbour.url}"
    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in page.select("meta")
        if tag.get("content")
    }
    assert meta["og:image"] == absolute
    assert (meta["og:image:width"], meta["og:image:height"]) == ("2000", "1200")
    assert meta["og:image:alt"] == "Boats in the harbour at dawn"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == absolute
    data = json.loads(page.select_one("script[type='application/ld+json']").string)
    assert data["image"] == {
        "@type": "ImageObject",
        "url": absolute,
        "width": 2000,
        "height": 1200,
        "description": "Boats in the harbour at dawn",
    }


def test_a_post_without_an_image_keeps_the_summary_card(reader, demo_blog):
    post = PostFactory(blog=demo_blog)

    page = parsed(reader.get(post.get_absolute_url()))

    assert page.select_one("meta[property='og:image']") is None
    assert page.select_one("meta[name='twitter:card']")["content"] == "summary"
    assert "image" not in json.loads(page.select_one("script[type='application/ld+json']").string)


def test_feeds_carry_the_image_as_an_enclosure(reader, demo_blog, harbour, amir):
    PostFactory(blog=demo_blog, author=amir, title="With", featured_image=harbour)
    PostFactory(blog=demo_blog, author=amir, title="Without")

    rss = reader.get(f"/{demo_blog.slug}/feed/").content
    atom = reader.get(f"/{demo_blog.slug}/feed/atom/").content

    document = minidom.parseString(rss)  # noqa: S318 - our own output
    items = {
        item.getElementsByTagName("title")[0].firstChild.data: item
        for item in document.getElementsByTagName("item")
    }
    enclosure = items["With"].getElementsByTagName("enclosure")
    assert [
        (e.getAttribute("url"), e.getAttribute("length"), e.getAttribute("type")) for e in enclosure
    ] == [(f"http://testserver{harbour.url}", str(harbour.size), "image/jpeg")]
    assert harbour.size == (harbour.file.storage.size(harbour.file.name))
    assert items["Without"].getElementsByTagName("enclosure") == []
    for body in (rss, atom):
        parsed_feed = feedparser.parse(body)
        assert not parsed_feed.bozo, parsed_feed.get("bozo_exception")
        entry = next(e for e in parsed_feed.entries if e.title == "With")
        assert [e["href"] for e in entry.enclosures] == [f"http://testserver{harbour.url}"]


def test_choosing_none_takes_the_image_away(signed_in, amir, reader, demo_blog, harbour):
    post = PostFactory(blog=demo_blog, author=amir, featured_image=harbour)
    assert featured(reader, post) is not None

    choose(signed_in(amir), post, None)

    post.refresh_from_db()
    assert post.featured_image is None
    assert featured(reader, post) is None
    assert MediaItem.objects.filter(pk=harbour.pk).exists()  # still in the library


def test_deleting_the_image_leaves_the_post_standing(
    signed_in, alice, amir, reader, demo_blog, harbour
):
    post = PostFactory(blog=demo_blog, author=amir, title="Still here", featured_image=harbour)
    assert featured(reader, post) is not None  # and cached

    deleted = signed_in(alice).post(url("delete_media", demo_blog, pk=harbour.pk))

    assert deleted.status_code == 303
    post.refresh_from_db()
    assert post.featured_image_id is None
    response = reader.get(post.get_absolute_url())
    assert response.status_code == 200
    assert featured(reader, post) is None
    assert "og:image" not in response.content.decode()
    assert signed_in(amir).get(edit_url(post)).status_code == 200


def test_an_image_of_another_blog_is_refused_and_the_text_kept(
    signed_in, alice, amir, demo_blog, harbour
):
    other = BlogFactory(slug="elsewhere", owner=alice)
    theirs = MediaItem.objects.create(
        blog=other, original_url="https://example.test/x.jpg", mime_type="image/jpeg"
    )
    post = PostFactory(blog=demo_blog, author=amir, title="Mine")
    client = signed_in(amir)
    data = form_data(client.get(edit_url(post)))
    data.update(body_markdown="Words I typed just now.", featured_image=str(theirs.pk))

    refused = client.post(edit_url(post), {**data, "save": ""})

    assert refused.status_code == 400
    assert errors_on(refused)["featured_image"] == [
        "That image is no longer in the media library: choose another, or None."
    ]
    assert parsed(refused).select_one("#id_body_markdown").text.strip() == "Words I typed just now."
    assert Post.objects.get(pk=post.pk).featured_image is None


def test_a_password_protected_post_shows_and_shares_no_image(reader, demo_blog, harbour, amir):
    post = PostFactory(blog=demo_blog, author=amir, password="sesame", featured_image=harbour)

    page = parsed(reader.get(post.get_absolute_url()))

    assert page.select_one("figure.featured-image") is None
    assert page.select_one("meta[property='og:image']") is None
