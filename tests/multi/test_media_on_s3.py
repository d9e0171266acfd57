"""Uploaded media in an S3-compatible bucket (BYLINE_MEDIA_S3_*), end to end on loopback.

moto's S3 server stands in for the store (it speaks the S3 protocol over HTTP, as MinIO or
Ceph would). A writer uploads an image through the dashboard of a real `byline serve`;
`byline worker --batch` makes its smaller copies; every file is then in the bucket and none
on the server's disk, and each copy is served at its /media/ address on Byline's own host.
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import uuid
from contextlib import ExitStack

import pytest
from PIL import Image

from tests.multi.cluster import Cluster, request, wait_until_ready
from tests.servers import fresh_postgres_database, server_env
from tests.support import free_port

BUCKET = "byline-media"
KEYS = {"BYLINE_MEDIA_S3_ACCESS_KEY": "byline-test", "BYLINE_MEDIA_S3_SECRET_KEY": "not-secret",
        "BYLINE_MEDIA_S3_REGION": "eu-west-1"}  # fmt: skip

SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from byline.accounts.models import User
from byline.blogs.models import Blog, Membership

writer = User.objects.create_user("sam", "sam@example.test")
blog = Blog.objects.create(slug="pictures", title="Pictures", owner=writer)
Membership.objects.create(blog=blog, user=writer, role=Membership.Role.ADMINISTRATOR)
store = SessionStore()
store[SESSION_KEY] = str(writer.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = writer.get_session_auth_hash()
store.save()
print(json.dumps({"session": store.session_key}))
"""

LIST_FILES = """
import json
from byline.media.models import MediaItem
item = MediaItem.objects.get()
print(json.dumps({"original": item.file.name, "url": item.url,
                  "renditions": [[r.width, r.file.name, r.file.url]
                                 for r in item.renditions.order_by("width")]}))
"""


@pytest.fixture
def s3_server():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = s3_client(endpoint)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={
        "LocationConstraint": KEYS["BYLINE_MEDIA_S3_REGION"]})  # fmt: skip
    yield endpoint, client
    server.stop()


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3", endpoint_url=endpoint, region_name=KEYS["BYLINE_MEDIA_S3_REGION"],
        aws_access_key_id=KEYS["BYLINE_MEDIA_S3_ACCESS_KEY"],
        aws_secret_access_key=KEYS["BYLINE_MEDIA_S3_SECRET_KEY"],
    )  # fmt: skip


def png(width: int, height: int) -> bytes:
    image = Image.new("RGB", (width, height), (200, 120, 40))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def multipart(fields: dict[str, str], name: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        "Content-Type: image/png\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload(server, session: str, blog: str, filename: str, data: bytes) -> int:
    import http.client

    csrf = secrets.token_hex(16)
    body, content_type = multipart({"csrfmiddlewaretoken": csrf, "alt_text": "An orange field"},
                                   "file", filename, data)  # fmt: skip
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        headers = {"Content-Type": content_type, "Cookie": f"sessionid={session}; csrftoken={csrf}"}
        connection.request("POST", f"/dashboard/{blog}/media/", body=body, headers=headers)
        answer = connection.getresponse()
        answer.read()
        return answer.status
    finally:
        connection.close()


def test_an_upload_and_its_renditions_live_in_the_bucket(tmp_path, s3_server):
    endpoint, client = s3_server
    with ExitStack() as stack:
        database_url = None
        if os.environ.get("DATABASE_URL"):
            database_url = stack.enter_context(fresh_postgres_database(os.environ["DATABASE_URL"]))
        bucket = {"BYLINE_MEDIA_S3_BUCKET": BUCKET, "BYLINE_MEDIA_S3_ENDPOINT": endpoint}
        env = server_env(tmp_path, database_url, {**KEYS, **bucket})
        cluster = Cluster(tmp_path, env)
        stack.callback(cluster.stop_all)
        cluster.byline("migrate", "--no-input")
        session = json.loads(cluster.shell(SETUP).strip().splitlines()[-1])["session"]
        server = cluster.start_server("server", workers=1)
        wait_until_ready(server)

        assert upload(server, session, "pictures", "Orange Field.png", png(1200, 800)) == 303
        cluster.byline("worker", "--batch")  # makes the smaller copies, then stops
        files = json.loads(cluster.shell(LIST_FILES).strip().splitlines()[-1])

        assert re.fullmatch(r"pictures/\d{4}/\d{2}/orange-field\.png", files["original"])
        assert [w for w, _, _ in files["renditions"]] == [320, 640, 1024]
        in_bucket = {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET)["Contents"]}
        names = {files["original"], *(name for _, name, _ in files["renditions"])}
        assert in_bucket == names
        assert not list(tmp_path.rglob("*.png"))  # nothing on the disk of the server or worker

        # Served at /media/… on Byline's own host, from the bucket.
        assert files["url"] == f"/media/{files['original']}"
        for width, name, url in files["renditions"]:
            assert url == f"/media/{name}"
            status, headers, _ = request(server, "GET", url)
            assert status == 200, (url, status)
            assert headers["content-type"] == "image/png"
            stored = client.get_object(Bucket=BUCKET, Key=name)["Body"].read()
            assert int(headers["content-length"]) == len(stored)
            with Image.open(io.BytesIO(stored)) as image:
                assert image.width == width
        assert request(server, "GET", "/media/pictures/no-such-image.png")[0] == 404
