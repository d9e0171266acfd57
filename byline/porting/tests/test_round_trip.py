"""Export a blog and import the file into a new blog: both hold the same content, field by field."""

from __future__ import annotations

import datetime
import io

from byline.blogs.models import Membership, Menu
from byline.comments.models import Comment
from byline.porting.exporter import export
from byline.porting.models import Origin
from byline.porting.tests.conftest import import_into
from byline.posts.models import Category, Post, Tag
from tests.factories import BlogFactory, CategoryFactory, MembershipFactory, PostFactory, TagFactory


def exported(blog) -> io.BytesIO:
    out = io.StringIO()
    export(blog, out, base_url=f"https://{blog.slug}.example")
    return io.BytesIO(out.getvalue().encode())


def copy_of(blog, owner):
    """Export blog, import the file into a new blog, and return the new blog."""
    target = BlogFactory(slug=f"{blog.slug}-copy", owner=owner)
    MembershipFactory(blog=target, user=owner, role=Membership.Role.ADMINISTRATOR)
    import_into(target, exported(blog))
    return target


def keyed_posts(blog) -> dict[str, Post]:
    """Return the blog's posts by the WordPress ID they were imported with."""
    ids = dict(
        Origin.objects.filter(blog=blog, kind=Origin.Kind.POST).values_list("object_id", "key")
    )
    posts = Post.objects.filter(blog=blog).select_related("author", "parent", "featured_image")
    return {ids[p.pk]: p for p in posts}


def post_fields(post: Post, keys: dict[int, str]) -> dict:
    return {
        "kind": post.kind,
        "title": post.title,
        "slug": post.slug,
        "path": post.path,
        "status": post.status,
        "body": post.body_markdown,
        "body_format": post.body_format,
        "body_html": post.body_html,
        "excerpt": post.excerpt,
        "password": post.password,
        "sticky": post.sticky,
        "comment_status": post.comment_status,
        "comment_count": post.comment_count,
        "menu_order": post.menu_order,
        "published_at": post.published_at,
        "updated_at": post.updated_at,
        "parent": keys.get(post.parent_id),
        "author": (post.author.display_name, post.author.email, post.author.first_name),
        "categories": sorted(c.slug for c in post.categories.all()),
        "tags": sorted(t.slug for t in post.tags.all()),
        "featured_image": post.featured_image.wordpress_id if post.featured_image else None,
        "comments": comment_fields(post),
    }


def comment_fields(post: Post) -> list[tuple]:
    comments = list(post.comments.order_by("created_at", "id"))
    position = {c.pk: n for n, c in enumerate(comments)}
    return [
        (c.kind, c.status, c.status_before_trash, c.author_name, c.author_email, c.author_url,
         c.author_ip, c.content, c.content_html, c.created_at, c.depth,
         position.get(c.parent_id), position.get(c.thread_id), bool(c.user_id))
        for c in comments
    ]  # fmt: skip


def blog_content(blog) -> dict:
    posts = keyed_posts(blog)
    keys = {p.pk: key for key, p in posts.items()}
    media = {
        m.wordpress_id: (m.title, m.url, m.alt_text, m.caption, m.description, m.mime_type,
                         m.width, m.height, keys.get(m.post_id), m.uploaded_at)
        for m in blog.media.all()
    }  # fmt: skip
    menus = {}
    for menu in Menu.objects.filter(blog=blog):
        items = list(menu.items.select_related("category", "parent").order_by("order", "label"))
        menus[menu.slug] = (
            menu.name,
            menu.location,
            sorted(
                (i.order, i.label, i.url, i.new_tab, keys.get(i.post_id),
                 i.category.slug if i.category else None, i.parent.label if i.parent else None,
                 i.parent.order if i.parent else None)
                for i in items
            ),
        )  # fmt: skip
    return {
        "posts": {key: post_fields(p, keys) for key, p in posts.items()},
        "categories": sorted(
            (c.slug, c.name, c.description, c.path, c.parent.slug if c.parent else None)
            for c in Category.objects.filter(blog=blog).select_related("parent")
        ),
        "tags": sorted(Tag.objects.filter(blog=blog).values_list("slug", "name")),
        "media": media,
        "menus": menus,
    }


def test_the_theme_unit_test_data_survives_export_and_import_field_by_field(theme_blog, alice):
    blog, _ = theme_blog

    copy = copy_of(blog, alice)

    original, again = blog_content(blog), blog_content(copy)
    assert again["posts"].keys() == original["posts"].keys()
    for key in original["posts"]:
        assert again["posts"][key] == original["posts"][key], key
    for part in ("categories", "tags", "media", "menus"):
        assert again[part] == original[part], part
    assert Menu.header_for(copy).slug == Menu.header_for(blog).slug


def test_a_blog_written_in_markdown_comes_back_in_markdown(demo_blog, alice):
    walks = CategoryFactory(blog=demo_blog, name="Walks", slug="walks")
    hills = CategoryFactory(blog=demo_blog, name="Hills", slug="hills", parent=walks)
    rain = TagFactory(blog=demo_blog, name="rain", slug="rain")
    when = datetime.datetime(2024, 5, 1, 8, 30, tzinfo=datetime.UTC)
    post = PostFactory(
        blog=demo_blog, title="Up the hill", published_at=when,
        body_markdown="# Notes\n\nA *windy* day, [a map](https://maps.example/).\n\n    code\n",
        excerpt="Windy.", password="", sticky=True,
    )  # fmt: skip
    post.categories.add(hills)
    post.tags.add(rain)
    first = Comment(post=post, author_name="Zoë", author_email="zoe@example.test",
                    content="Lovely!\n\nSecond line.", status=Comment.Status.APPROVED,
                    created_at=when + datetime.timedelta(hours=1))  # fmt: skip
    first.save()
    Comment(
        post=post,
        parent=first,
        author_name="Alice",
        content="Thanks",
        user=alice,
        status=Comment.Status.APPROVED,
        created_at=when + datetime.timedelta(hours=2),
    ).save()
    trashed = Comment(post=post, author_name="Spammer", content="Buy", created_at=when,
                      status=Comment.Status.APPROVED)  # fmt: skip
    trashed.save()
    trashed.set_status(Comment.Status.TRASH)
    PostFactory(blog=demo_blog, title="Unfinished", status=Post.Status.DRAFT, published_at=None)

    copy = copy_of(demo_blog, alice)

    back = Post.objects.get(blog=copy, slug=post.slug)
    assert back.body_format == Post.BodyFormat.MARKDOWN
    assert back.body_markdown == post.body_markdown
    assert back.body_html == post.body_html
    assert (back.title, back.excerpt, back.sticky, back.published_at) == (
        post.title, post.excerpt, post.sticky, post.published_at,
    )  # fmt: skip
    assert [c.path for c in back.categories.all()] == ["walks/hills"]
    assert [t.slug for t in back.tags.all()] == ["rain"]
    comments = list(back.comments.order_by("created_at", "id"))
    assert [(c.author_name, c.status, c.depth) for c in comments] == [
        ("Spammer", "trash", 1), ("Zoë", "approved", 1), ("Alice", "approved", 2),
    ]  # fmt: skip
    assert comments[0].status_before_trash == Comment.Status.APPROVED
    assert comments[1].content == "Lovely!\n\nSecond line."
    assert back.comment_count == 2
    draft = Post.objects.get(blog=copy, title="Unfinished")
    assert (draft.status, draft.published_at) == (Post.Status.DRAFT, None)
