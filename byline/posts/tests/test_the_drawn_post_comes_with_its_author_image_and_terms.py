"""A drawn post page reads its post with written-out statements (posts/shown.py): the same
objects the ORM's lookup built (author, featured image with its srcset, categories and tags
in order, each with the blog), in as many queries as the ORM took, and the same 404s."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from byline.dashboard.models import Rendition
from byline.media.models import MediaItem
from byline.posts import shown
from byline.posts.models import Post
from tests.factories import BlogFactory, CategoryFactory, PageFactory, PostFactory, TagFactory


def request_by(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def as_the_orm_reads(blog, user, kind, **where) -> Post:
    readable = Post.objects.for_blog(blog).visible_to(user, blog)
    writings = readable.posts() if kind == Post.Kind.POST else readable.pages()
    return writings.select_related("author").with_terms(blog).with_featured_image().get(**where)


def described(post: Post) -> dict:
    """Return all a post page reads of a post, its author, image and terms."""
    image = post.featured_image
    return {
        "post": [getattr(post, f.attname) for f in Post._meta.concrete_fields],
        "author": [getattr(post.author, f.attname) for f in type(post.author)._meta.fields],
        "image": image
        and (
            [getattr(image, f.attname) for f in MediaItem._meta.fields],
            image.srcset,
        ),  # fmt: skip
        "categories": [
            (c.pk, c.name, c.description, c.get_absolute_url()) for c in post.categories.all()
        ],  # fmt: skip
        "tags": [(t.pk, t.name, t.get_absolute_url()) for t in post.tags.all()],
    }


@pytest.fixture
def pictured(demo_blog):
    """Return a post with a featured image (and two smaller copies), three categories and
    two tags, written out of name order, and a category of another blog besides."""
    image = MediaItem.objects.create(
        blog=demo_blog, original_url="https://old.example/harbour.jpg", mime_type="image/jpeg",
        width=1600, height=900, alt_text="The harbour", caption="At dawn",
    )  # fmt: skip
    for width in (800, 300):
        Rendition.objects.create(media=image, width=width, height=width // 2, file=f"r{width}.jpg")
    post = PostFactory(blog=demo_blog, featured_image=image)
    post.categories.set([CategoryFactory(blog=demo_blog, name=name) for name in "ZAM"])
    post.categories.add(CategoryFactory(blog=BlogFactory(), name="Elsewhere"))
    post.tags.set([TagFactory(blog=demo_blog, name=name) for name in ("walks", "boats")])
    return post


def test_a_post_comes_as_the_orm_built_it_in_four_queries(
    demo_blog, pictured, django_assert_num_queries
):
    guest = AnonymousUser()
    with django_assert_num_queries(4):  # the post, its categories, tags, image's copies
        found = shown.find(request_by(guest), demo_blog, Post.Kind.POST, slug=pictured.slug)
    with django_assert_num_queries(0):
        drawn = described(found)
    assert found.blog is demo_blog
    assert all(term.blog is demo_blog for term in (*found.categories.all(), *found.tags.all()))
    assert [c.name for c in found.categories.all()] == ["A", "M", "Z"]
    assert [t.name for t in found.tags.all()] == ["boats", "walks"]
    assert drawn["image"][1].startswith("/media/r300.jpg 300w, /media/r800.jpg 800w")
    assert drawn == described(as_the_orm_reads(demo_blog, guest, Post.Kind.POST,
                                               slug=pictured.slug))  # fmt: skip


def test_a_post_without_an_image_takes_three_queries(demo_blog, django_assert_num_queries):
    post = PostFactory(blog=demo_blog)
    with django_assert_num_queries(3):
        found = shown.find(request_by(AnonymousUser()), demo_blog, Post.Kind.POST, slug=post.slug)
    with django_assert_num_queries(0):
        assert found.featured_image is None
        assert list(found.categories.all()) == list(found.tags.all()) == []
        assert found.author.username == "alice"


def test_the_terms_kept_answer_further_questions_about_this_post_only(demo_blog, pictured):
    PostFactory(blog=demo_blog).categories.set([CategoryFactory(blog=demo_blog, name="B")])
    found = shown.find(request_by(AnonymousUser()), demo_blog, Post.Kind.POST, slug=pictured.slug)
    names = set(found.categories.values_list("name", flat=True))  # asked of the database
    assert {"A", "M", "Z"} <= names
    assert "B" not in names
    assert found.tags.filter(name="boats").count() == 1


def test_a_page_is_found_by_its_path(demo_blog):
    parent = PageFactory(blog=demo_blog, slug="about")
    PageFactory(blog=demo_blog, slug="team", parent=parent, title="The team")
    found = shown.find(request_by(AnonymousUser()), demo_blog, Post.Kind.PAGE, path="about/team")
    assert found.title == "The team"
    with pytest.raises(Http404):  # a page is not a post
        shown.find(request_by(AnonymousUser()), demo_blog, Post.Kind.POST, slug="about")


@pytest.mark.parametrize(
    ("status", "days_ago", "guest_reads", "member_reads"),
    [
        (Post.Status.PUBLISHED, 1, True, True),
        (Post.Status.SCHEDULED, 1, True, True),
        (Post.Status.SCHEDULED, -1, False, False),
        (Post.Status.PRIVATE, 1, False, True),
        (Post.Status.DRAFT, 1, False, False),
        (Post.Status.PENDING, 1, False, False),
        (Post.Status.TRASH, 1, False, False),
    ],
)
def test_who_reads_what_is_as_visible_to_says(
    demo_blog, bob, charlie, status, days_ago, guest_reads, member_reads
):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    post = PostFactory(blog=demo_blog, status=status, published_at=when)
    for reader, reads in ((AnonymousUser(), guest_reads), (charlie, guest_reads),
                          (bob, member_reads)):  # fmt: skip
        orm = Post.objects.for_blog(demo_blog).visible_to(reader, demo_blog)
        assert orm.filter(pk=post.pk).exists() == reads
        if reads:
            assert shown.find(request_by(reader), demo_blog, "post", slug=post.slug) == post
        else:
            with pytest.raises(Http404):
                shown.find(request_by(reader), demo_blog, "post", slug=post.slug)


def test_a_post_of_another_blog_is_not_found(demo_blog):
    theirs = PostFactory(blog=BlogFactory())
    with pytest.raises(Http404):
        shown.find(request_by(AnonymousUser()), demo_blog, Post.Kind.POST, slug=theirs.slug)
