"""Every post and page of the theme unit test data renders, as WordPress showed it."""

from __future__ import annotations

import datetime

import time_machine
from bs4 import BeautifulSoup

from byline.posts.models import Post


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_every_published_post_and_page_renders_for_a_guest(theme_blog, guest):
    blog, _ = theme_blog
    public = Post.objects.filter(blog=blog).published()
    assert public.count() == 77

    for post in public:
        response = guest.get(post.get_absolute_url())
        assert response.status_code == 200, post.title
        assert page(response).h1.get_text() == post.title


def test_the_scheduled_post_renders_once_its_time_has_come(theme_blog, guest):
    blog, _ = theme_blog
    scheduled = Post.objects.get(blog=blog, status=Post.Status.SCHEDULED)

    assert guest.get(scheduled.get_absolute_url()).status_code == 404
    with time_machine.travel(datetime.datetime(2030, 1, 2, tzinfo=datetime.UTC)):
        assert guest.get(scheduled.get_absolute_url()).status_code == 200


def test_the_draft_renders_once_published(theme_blog, signed_in, alice):
    blog, _ = theme_blog
    draft = Post.objects.get(blog=blog, status=Post.Status.DRAFT)
    client = signed_in(alice)
    assert client.get(draft.get_absolute_url()).status_code == 404  # members see no drafts

    draft.status = Post.Status.PUBLISHED
    draft.save()

    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "this post is drafted" in page(response).select_one(".entry-content").get_text().lower()


def test_block_comments_and_shortcodes_never_reach_the_reader(theme_blog, guest):
    blog, _ = theme_blog
    for post in Post.objects.filter(blog=blog).published():
        assert "<!-- wp:" not in post.body_html
        assert "[caption" not in post.body_html
        assert "[gallery" not in post.body_html
        assert "<script" not in post.body_html


def test_a_caption_shortcode_becomes_a_figure_with_its_caption(theme_blog, guest):
    blog, _ = theme_blog
    post = Post.objects.get(blog=blog, slug="markup-image-alignment")

    figures = page(guest.get(post.get_absolute_url())).select(".entry-content figure.wp-caption")

    assert len(figures) == 5
    first = figures[0]
    assert "aligncenter" in first["class"]
    assert first.img["src"].endswith("image-alignment-580x300.jpg")
    assert first.figcaption.get_text(strip=True).startswith("Look at 580")


def test_a_gallery_shows_the_images_attached_to_its_post(theme_blog, guest):
    blog, _ = theme_blog
    post = Post.objects.get(blog=blog, slug="post-format-gallery")

    gallery = page(guest.get(post.get_absolute_url())).select_one(".entry-content .gallery")

    images = gallery.select("img")
    assert len(images) == post.media.filter(mime_type__startswith="image/").count() > 10
    assert all(
        img["src"].startswith("https://wpthemetestdata.files.wordpress.com/") for img in images
    )


def test_classic_posts_get_wordpress_paragraphs(theme_blog, guest):
    blog, _ = theme_blog
    post = Post.objects.get(blog=blog, slug="template-paginated")

    paragraphs = page(guest.get(post.get_absolute_url())).select(".entry-content > p")

    assert "<p>" not in post.body_markdown  # WordPress stores blank lines, not paragraphs
    assert [p.get_text() for p in paragraphs] == ["Post Page 1", "Post Page 2", "Post Page 3"]
