"""Every POST of the dashboard, sent by people the blog's roles do not allow: a 404, no change.

Strangers (charlie) and the administrator of another blog (olga) get a 404 from every
address; the blog's own contributor (cora) gets a 404 for what is not hers to change.
"""

from __future__ import annotations

import pytest

from byline.blogs.models import Blog, Membership, Menu, MenuItem
from byline.comments.models import DiscussionSettings
from byline.dashboard.models import Invitation, Revision
from byline.dashboard.tests.images import image_bytes, upload
from byline.dashboard.tests.writing import url
from byline.media.models import MediaItem
from byline.posts.models import Category, Post, Tag
from tests.factories import PageFactory, PostFactory


@pytest.fixture
def targets(demo_blog, alice, bob, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    post = PostFactory(blog=demo_blog, author=alice, title="Alice's post")
    page = PageFactory(blog=demo_blog, author=alice)
    revision = Revision.of(post, alice)
    revision.save()
    media = MediaItem.objects.create(blog=demo_blog, original_url="https://example.test/a.jpg",
                                     mime_type="image/jpeg", alt_text="A view")  # fmt: skip
    invitation = Invitation.objects.create(blog=demo_blog, email="nina@example.test")
    return post, page, revision, media, invitation, Membership.objects.get(user=bob)


def everything(blog) -> dict:
    """Return what a POST could change: every row of the blog's posts, terms and settings."""
    return {
        "posts": list(Post.objects.filter(blog=blog).order_by("pk").values()),
        "revisions": list(Revision.objects.order_by("pk").values()),
        "blog": Blog.objects.filter(pk=blog.pk).values().get(),
        "discussion": list(DiscussionSettings.objects.values()),
        "terms": (Category.objects.count(), Tag.objects.count()),
        "media": list(MediaItem.objects.order_by("pk").values()),
        "menus": (Menu.objects.count(), MenuItem.objects.count()),
        "members": list(Membership.objects.order_by("pk").values()),
        "invitations": list(Invitation.objects.order_by("pk").values()),
    }


def posts_of(blog, post, page, revision, media, invitation, bobs) -> dict[str, tuple[str, dict]]:
    edit = {"title": "Taken over", "body_markdown": "Gone", "status": "published",
            "version": "1", "tag_names": "spam", "new_category": "Spam"}  # fmt: skip
    at = {"kind": "post", "pk": post.pk}
    sent = {
        "edit the post": (url("edit", blog, **at), edit),
        "edit the page": (url("edit", blog, kind="page", pk=page.pk), edit),
        "autosave the post": (url("autosave", blog, **at), edit),
        "new post": (url("new", blog, kind="post"), edit),
        "new page": (url("new", blog, kind="page"), edit),
        "autosave a new post": (url("autosave_new", blog, kind="post"), edit),
        "preview": (url("preview", blog), {"body_markdown": "# hi"}),
        "bulk trash": (url("bulk", blog, kind="post"), {"action": "trash", "post": [post.pk]}),
        "bulk trash pages": (
            url("bulk", blog, kind="page"),
            {"action": "trash", "post": [page.pk]},
        ),
        "restore a revision": (url("restore", blog, revision=revision.pk, **at), {}),
        "settings": (url("settings", blog), {"blog-title": "Mine now", "blog-theme": "dark"}),
        "upload": (url("media", blog), {"file": upload("x.png", image_bytes("PNG", (8, 8)))}),
        "describe an image": (url("media_item", blog, pk=media.pk), {"alt_text": "Mine"}),
        "delete an image": (url("delete_media", blog, pk=media.pk), {}),
        "add to the menu": (url("menus", blog), {"url": "/x/", "label": "Mine"}),
        "reorder the menu": (url("menu_order", blog), {}),
        "invite": (url("members", blog), {"email": "me@example.test", "role": "administrator"}),
        "change a role": (url("member_role", blog, pk=bobs.pk), {"role": "contributor"}),
        "remove a member": (url("member_remove", blog, pk=bobs.pk), {}),
        "cancel an invitation": (url("cancel_invitation", blog, pk=invitation.pk), {}),
    }
    for action in ("publish", "draft", "trash", "restore", "delete"):
        sent[f"{action} the post"] = (url("act", blog, action=action, **at), {})
    return sent


@pytest.mark.parametrize("persona", ["charlie", "olga"])
def test_people_outside_the_blog_get_404_from_every_post_and_change_nothing(
    persona, request, demo_blog, targets, signed_in
):
    client = signed_in(request.getfixturevalue(persona))
    before = everything(demo_blog)

    statuses = {name: client.post(address, data).status_code
                for name, (address, data) in posts_of(demo_blog, *targets).items()}  # fmt: skip

    assert statuses == dict.fromkeys(statuses, 404)
    assert everything(demo_blog) == before


def test_a_contributor_cannot_touch_what_is_not_hers(demo_blog, targets, cora, signed_in):
    client = signed_in(cora)
    before = everything(demo_blog)
    sent = posts_of(demo_blog, *targets)
    allowed_anyway = {"new post", "autosave a new post", "preview", "bulk trash"}

    statuses = {
        name: client.post(address, data).status_code
        for name, (address, data) in sent.items()
        if name not in allowed_anyway
    }

    assert statuses == dict.fromkeys(statuses, 404)
    # The bulk form answers (it is her list too), but leaves Alice's post alone.
    assert client.post(*sent["bulk trash"]).status_code == 303
    assert everything(demo_blog) == before
