"""Authors describe and delete the images they uploaded, and nobody else's; editors and
administrators may change any image of the blog (WordPress's edit_post on an attachment)."""

from __future__ import annotations

import pytest

from byline.dashboard.renditions import make_renditions
from byline.dashboard.tests.images import image_bytes, upload
from byline.dashboard.tests.writing import messages_on, parsed, url
from byline.media.models import MediaItem


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload_as(client, blog, name: str) -> MediaItem:
    client.post(url("media", blog), {"file": upload(name, image_bytes("PNG", (700, 400)))})
    return MediaItem.objects.get(title=name.rsplit(".", 1)[0])


@pytest.fixture
def images(signed_in, alice, amir, demo_blog):
    """One image uploaded by Alice (the administrator) and one by Amir (an author)."""
    alices = upload_as(signed_in(alice), demo_blog, "lighthouse.png")
    amirs = upload_as(signed_in(amir), demo_blog, "pier.png")
    return alices, amirs


def test_an_upload_remembers_who_sent_it(images, alice, amir):
    alices, amirs = images

    assert (alices.uploaded_by, amirs.uploaded_by) == (alice, amir)
    assert amirs.size == amirs.file.size


def test_the_library_offers_an_author_the_edit_link_of_his_images_only(signed_in, amir, images,
                                                                       demo_blog):  # fmt: skip
    alices, amirs = images

    page = parsed(signed_in(amir).get(url("media", demo_blog)))

    assert page.select_one(f"#media-{amirs.pk} a[href$='/media/{amirs.pk}/']") is not None
    assert page.select_one(f"#media-{alices.pk} a[href*='/media/']") is None


def test_an_author_describes_his_own_image(signed_in, amir, images, demo_blog):
    _, amirs = images

    saved = signed_in(amir).post(url("media_item", demo_blog, pk=amirs.pk),
                                 {"title": "Pier", "alt_text": "The pier at low tide"},
                                 follow=True)  # fmt: skip

    assert "Image details saved." in messages_on(saved)
    amirs.refresh_from_db()
    assert amirs.alt_text == "The pier at low tide"


def test_an_author_cannot_describe_or_delete_someone_elses_image(signed_in, amir, images,
                                                                 demo_blog, tmp_path):  # fmt: skip
    alices, _ = images
    client = signed_in(amir)

    assert client.get(url("media_item", demo_blog, pk=alices.pk)).status_code == 404
    described = client.post(url("media_item", demo_blog, pk=alices.pk), {"alt_text": "Mine"})
    deleted = client.post(url("delete_media", demo_blog, pk=alices.pk))

    assert (described.status_code, deleted.status_code) == (404, 404)
    alices.refresh_from_db()
    assert alices.alt_text == ""
    assert (tmp_path / alices.file.name).exists()


def test_an_author_deletes_his_own_image_and_its_copies(signed_in, amir, images, demo_blog,
                                                        tmp_path):  # fmt: skip
    _, amirs = images
    make_renditions.call(amirs.pk)
    files = [amirs.file.name, *(r.file.name for r in amirs.renditions.all())]
    assert len(files) == 3 and all((tmp_path / name).exists() for name in files)

    deleted = signed_in(amir).post(url("delete_media", demo_blog, pk=amirs.pk), follow=True)

    assert "“pier” deleted." in " ".join(messages_on(deleted))
    assert not MediaItem.objects.filter(pk=amirs.pk).exists()
    assert not any((tmp_path / name).exists() for name in files)


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_editors_and_administrators_change_anyones_image(persona, request, signed_in, images,
                                                         demo_blog):  # fmt: skip
    _, amirs = images
    client = signed_in(request.getfixturevalue(persona))

    client.post(url("media_item", demo_blog, pk=amirs.pk), {"alt_text": "Checked by an editor"})
    amirs.refresh_from_db()
    assert amirs.alt_text == "Checked by an editor"
    assert client.post(url("delete_media", demo_blog, pk=amirs.pk)).status_code == 303
    assert not MediaItem.objects.filter(pk=amirs.pk).exists()


def test_a_former_author_now_contributor_keeps_her_own_images(signed_in, cora, demo_blog):
    from byline.blogs.models import Membership

    Membership.objects.filter(user=cora).update(role=Membership.Role.AUTHOR)
    hers = upload_as(signed_in(cora), demo_blog, "nets.png")
    Membership.objects.filter(user=cora).update(role=Membership.Role.CONTRIBUTOR)
    client = signed_in(cora)

    assert client.get(url("media", demo_blog)).status_code == 404  # she uploads no more
    assert client.get(url("media_item", demo_blog, pk=hers.pk)).status_code == 200
    assert client.post(url("delete_media", demo_blog, pk=hers.pk)).status_code == 303
