"""Alice imports her WordPress blog from the dashboard: upload, then watch the progress page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from byline.porting.models import ImportJob
from byline.porting.tests.wxr_files import comment, document, post
from byline.posts.models import Post

IMPORT = "/dashboard/demo/import/"


def upload(client, content: bytes, **fields):
    data = {"file": SimpleUploadedFile("my-blog.xml", content, "text/xml"), **fields}
    return client.post(IMPORT, data)


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def run_worker() -> None:
    call_command("worker", "--batch", verbosity=0)


# Committed for real: the worker closes a connection it finds inside a transaction.
@pytest.mark.django_db(transaction=True)
def test_alice_uploads_an_export_and_follows_it_to_the_end(demo_blog, alice, signed_in):
    client = signed_in(alice)
    form = page(client.get(IMPORT)).select_one("form.import-form")
    assert form["enctype"] == "multipart/form-data"
    assert {i["name"] for i in form.select("input[name]")} >= {"file", "author_map", "fetch_media"}

    response = upload(client, document(post(1, comments=[comment(1)]), post(2)))

    assert response.status_code == 303
    job = ImportJob.objects.get()
    assert response["Location"] == f"{IMPORT}{job.pk}/"
    waiting = page(client.get(response["Location"]))
    assert "Waiting to start" in waiting.select_one(".import-status").get_text()
    assert waiting.find("meta", attrs={"http-equiv": "refresh"})  # follows it without JavaScript

    run_worker()

    done = page(client.get(response["Location"]))
    assert "Done" in done.select_one(".import-status").get_text()
    assert done.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert done.select_one("progress")["value"] == done.select_one("progress")["max"] == "2"
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")]
            for tr in done.select("table.import-counts tbody tr")}  # fmt: skip
    assert rows["Posts"] == ["2", "0", "0", "0"]
    assert rows["Comments"] == ["1", "0", "0", "0"]
    assert Post.objects.filter(blog=demo_blog).count() == 2
    assert not Path(job.file_path).exists()  # the upload is removed once imported


@pytest.mark.django_db(transaction=True)
def test_a_broken_file_stops_with_the_line_and_can_be_tried_again(demo_blog, alice, signed_in):
    client = signed_in(alice)
    broken = document(post(1), post(2)).replace(b"</title>", b"</titel>", 1)

    location = upload(client, broken)["Location"]
    run_worker()

    stopped = page(client.get(location))
    assert "Stopped" in stopped.select_one(".import-status").get_text()
    assert stopped.select_one("[role=alert]").get_text().startswith("Line ")
    assert not Post.objects.filter(blog=demo_blog).exists()
    retry = stopped.find("form", action=f"{location}resume/")
    assert client.post(retry["action"]).status_code == 303
    assert ImportJob.objects.get().status == ImportJob.Status.QUEUED


def test_the_author_map_is_checked_before_the_upload_is_kept(demo_blog, alice, signed_in):
    response = upload(signed_in(alice), document(post(1)), author_map="admin=nobody")

    assert response.status_code == 200
    assert "There is no user nobody" in page(response).select_one("[role=alert]").get_text()
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_only_the_owner_and_administrators_may_import(request, demo_blog, signed_in, who):
    client = signed_in(request.getfixturevalue(who))

    assert client.get(IMPORT).status_code == 404
    assert upload(client, document(post(1))).status_code == 404
    assert not ImportJob.objects.exists()


def test_a_guest_is_asked_to_sign_in(demo_blog, guest):
    response = guest.get(IMPORT)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_another_blogs_import_is_not_shown(demo_blog, alice, signed_in, new_blog):
    job = ImportJob.objects.create(blog=new_blog, file_path="x.xml", file_name="x.xml")

    assert signed_in(alice).get(f"{IMPORT}{job.pk}/").status_code == 404
