"""A WordPress post's featured image (`_thumbnail_id`) comes over, and goes out again."""

from __future__ import annotations

import mimetypes

from byline.media.models import MediaItem
from byline.porting import wxr
from byline.porting.tests.conftest import import_into
from byline.porting.tests.test_round_trip import copy_of
from byline.porting.tests.wxr_files import SITE, document, post, theme_unit_test_data, write
from byline.posts.models import Post


def attachment(wp_id: int, name: str, **fields) -> wxr.Item:
    url = f"{SITE}/wp-content/uploads/2015/01/{name}"
    values = {
        "title": name.rsplit(".", 1)[0],
        "link": url,
        "creator": "editor",
        "guid": url,
        "wp_id": str(wp_id),
        "post_date": "2015-01-27 06:56:57",
        "post_date_gmt": "2015-01-27 14:56:57",
        "slug": name.rsplit(".", 1)[0],
        "status": "inherit",
        "post_type": "attachment",
        "attachment_url": url,
        "meta": {"_wp_attachment_image_alt": "A harbour at dawn"},
    }
    values.update(fields)
    return wxr.Item(**values)


def test_the_post_gets_the_image_its_thumbnail_id_names_even_when_it_comes_later(
    new_blog, client, tmp_path
):
    # WordPress writes items by ID, so the image often follows the post that shows it.
    source = document(
        post(10, meta={"_thumbnail_id": "50"}),
        post(11),
        attachment(50, "harbour.jpg"),
    )

    import_into(new_blog, write(tmp_path, source))

    shown = Post.objects.get(blog=new_blog, slug="post-10")
    assert shown.featured_image.wordpress_id == 50
    assert shown.featured_image.url == f"{SITE}/wp-content/uploads/2015/01/harbour.jpg"
    assert Post.objects.get(blog=new_blog, slug="post-11").featured_image is None
    page = client.get(shown.get_absolute_url()).content.decode()
    assert 'property="og:image" content="https://old.example/wp-content/uploads/' in page
    assert 'alt="A harbour at dawn"' in page


def test_a_thumbnail_id_the_file_lacks_or_that_is_no_image_is_noted_and_the_post_kept(
    new_blog, tmp_path
):
    source = document(
        post(10, meta={"_thumbnail_id": "404"}),
        post(12, meta={"_thumbnail_id": "51"}),
        attachment(51, "menu.pdf"),
    )

    summary = import_into(new_blog, write(tmp_path, source))

    assert Post.objects.filter(blog=new_blog, featured_image__isnull=False).count() == 0
    assert Post.objects.filter(blog=new_blog).count() == 2
    notes = "\n".join(summary.notes)
    assert "post 10 “Post 10”: its featured image (attachment 404) is not in the file" in notes
    assert "post 12 “Post 12”: its featured image is not an image; it has none." in notes


def test_the_theme_unit_test_data_keeps_every_featured_image_it_has(theme_blog):
    blog, _ = theme_blog
    items = [r for r in wxr.read(theme_unit_test_data()) if isinstance(r, wxr.Item)]
    images = {
        i.wp_id
        for i in items
        if i.post_type == "attachment"
        and (mimetypes.guess_type(i.attachment_url)[0] or "").startswith("image/")
    }
    wanted = {
        i.wp_id: i.meta["_thumbnail_id"]
        for i in items
        if i.post_type in ("post", "page") and i.meta.get("_thumbnail_id") in images
    }
    assert wanted, "the theme unit test data names featured images"

    shown = {
        str(p.wordpress_id): str(p.featured_image.wordpress_id)
        for p in Post.objects.filter(blog=blog, featured_image__isnull=False)
        .select_related("featured_image")
        .annotate(wordpress_id=_origin_key())
    }

    assert shown == wanted


def test_a_featured_image_chosen_on_byline_survives_export_and_import(demo_blog, alice):
    image = MediaItem.objects.create(
        blog=demo_blog, title="Lighthouse", original_url="https://img.example/lighthouse.jpg",
        mime_type="image/jpeg", width=1200, height=800, alt_text="A lighthouse",
    )  # fmt: skip
    Post.objects.create(
        blog=demo_blog, author=alice, title="By the sea", slug="by-the-sea",
        body_markdown="Waves.", status=Post.Status.PUBLISHED, featured_image=image,
    )  # fmt: skip

    copy = copy_of(demo_blog, alice)

    moved = Post.objects.get(blog=copy, slug="by-the-sea").featured_image
    assert (moved.title, moved.url, moved.alt_text) == (
        "Lighthouse",
        "https://img.example/lighthouse.jpg",
        "A lighthouse",
    )
    assert moved.blog == copy


def _origin_key():
    from django.db.models import OuterRef, Subquery

    from byline.porting.models import Origin

    return Subquery(
        Origin.objects.filter(kind=Origin.Kind.POST, object_id=OuterRef("pk")).values("key")[:1]
    )
