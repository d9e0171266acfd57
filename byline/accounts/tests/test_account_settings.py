"""A reader changes how they appear: display name, words about them, picture."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from byline.accounts.models import User
from byline.accounts.tests.signing_in import parsed


def picture(kind="PNG", size=(640, 480), name="me.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(out, format=kind)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_reader_changes_their_display_name(signed_in, charlie):
    reader = signed_in(charlie)

    answer = reader.post("/accounts/profile/", {"display_name": "Charlie C.", "bio": "Reads a lot"})

    assert answer["Location"] == "/accounts/profile/"
    assert User.objects.get(pk=charlie.pk).public_name == "Charlie C."


def test_an_uploaded_picture_is_redrawn_as_a_square_png_and_served(signed_in, charlie, media):
    reader = signed_in(charlie)
    reader.post("/accounts/profile/", {"display_name": "Charlie", "picture": picture("JPEG",
                                       name="holiday.jpg")})  # fmt: skip

    charlie.refresh_from_db()
    src = parsed(reader.get("/people/charlie/")).select_one("img.avatar")["src"]
    served = reader.get(src)
    image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert (served["Content-Type"], image.format, image.size) == ("image/png", "PNG", (256, 256))
    assert "immutable" in served["Cache-Control"]


@pytest.mark.parametrize("upload, problem", [
    (SimpleUploadedFile("evil.png", b"<script>alert(1)</script>"), "not a picture Byline can read"),
    (SimpleUploadedFile("doc.png", b"%PDF-1.4 not an image"), "not a picture Byline can read"),
])  # fmt: skip
def test_a_file_that_is_not_a_picture_is_refused_whatever_its_name(
    signed_in, charlie, media, upload, problem
):
    answer = signed_in(charlie).post("/accounts/profile/", {"display_name": "C", "picture": upload})

    assert answer.status_code == 400
    assert problem in parsed(answer).select_one(".field-error").get_text()
    assert not User.objects.get(pk=charlie.pk).avatar


def test_a_picture_format_outside_the_list_is_refused(signed_in, charlie, media):
    answer = signed_in(charlie).post(
        "/accounts/profile/", {"display_name": "C", "picture": picture("BMP", name="x.png")}
    )

    assert "Upload a PNG, JPEG, GIF or WebP picture; that file is BMP." in parsed(answer).get_text()


def test_reader_removes_their_picture(signed_in, charlie, media):
    reader = signed_in(charlie)
    reader.post("/accounts/profile/", {"display_name": "C", "picture": picture()})
    old = User.objects.get(pk=charlie.pk).avatar.path

    reader.post("/accounts/profile/", {"display_name": "C", "remove_picture": "on"})

    assert not User.objects.get(pk=charlie.pk).avatar
    assert not (media / old).exists()


def test_settings_list_the_readers_email_follow_ups(signed_in, charlie, demo_blog):
    from byline.subscriptions.models import Subscription

    Subscription.objects.create(kind="posts", blog=demo_blog, email="charlie@example.test",
                                user=charlie)  # fmt: skip

    page = parsed(signed_in(charlie).get("/accounts/profile/"))

    follow = page.select_one(".email-preferences li")
    assert "New posts on Field Notes" in follow.get_text()
    assert "/notifications/unsubscribe/" in follow.a["href"]


def test_settings_link_to_every_part_of_the_account(signed_in, charlie):
    menu = parsed(signed_in(charlie).get("/accounts/profile/")).select(".settings-menu a")

    assert [a.get_text() for a in menu] == [
        "Profile", "Email addresses", "Password", "Two-factor authentication",
        "Connected accounts", "Where you are logged in", "Download your data (JSON)",
        "Delete your account",
    ]  # fmt: skip
    for link in menu:
        assert signed_in(charlie).get(link["href"], follow=True).status_code == 200, link["href"]


def test_guests_are_sent_to_log_in(guest, db):
    assert guest.get("/accounts/profile/")["Location"].startswith("/accounts/login/?next=")
