"""Commenters' emails and IP addresses stay private, and IPs are forgotten after 30 days.

Every public answer (pages, feeds, sitemaps, the reader's fragment), every cached page in
the page cache's store, and every export a non-owner can ask for is searched for them.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.utils import timezone

from byline.blogs.models import Membership
from byline.comments.models import Comment
from byline.platform import periodic
from byline.security.retention import ERASED_SESSION_IP, erase_old_ips
from tests.factories import MembershipFactory, PostFactory, UserFactory

EMAIL, IP, AGENT = "privacy-probe@commenter.test", "203.0.113.77", "ProbeBrowser/1.0"
HELD_EMAIL, HELD_IP = "held-probe@commenter.test", "198.51.100.23"


def traces(email: str) -> list[str]:
    """What would give an address away: itself, and its unkeyed hashes (Gravatar's)."""
    normal = email.strip().lower().encode()
    return [email, hashlib.md5(normal).hexdigest(), hashlib.sha256(normal).hexdigest()]  # noqa: S324


SECRETS = [*traces(EMAIL), *traces(HELD_EMAIL), IP, HELD_IP, AGENT]


def found_in(body: bytes | str) -> list[str]:
    text = body.decode(errors="replace") if isinstance(body, bytes) else body
    return [secret for secret in SECRETS if secret.lower() in text.lower()]


@pytest.fixture
def commented(demo_blog, alice):
    post = PostFactory(blog=demo_blog, title="Talked about")
    Comment.objects.create(post=post, author_name="Probe", author_email=EMAIL, author_ip=IP,
                           user_agent=AGENT, author_url="https://probe.test/", content="Hello",
                           status="approved")  # fmt: skip
    Comment.objects.create(post=post, author_name="Held", author_email=HELD_EMAIL,
                           author_ip=HELD_IP, content="Wait for me", status="pending")  # fmt: skip
    return post


def public_addresses(post) -> list[str]:
    blog = post.blog.slug
    return [post.get_absolute_url(), f"/{blog}/", f"/{blog}/feed/", f"/{blog}/feed/atom/",
            f"/{blog}/comments/feed/", f"/{blog}/comments/feed/atom/",
            f"{post.get_absolute_url()}feed/", f"{post.get_absolute_url()}feed/atom/",
            f"/{blog}/sitemap.xml", "/sitemap.xml", f"/{blog}/?s=Hello", "/",
            f"/{blog}/author/{post.author.username}/", "/fragments/reader/"]  # fmt: skip


def test_no_public_answer_holds_a_commenters_email_or_ip(commented):
    answered = 0
    for viewer in (Client(), signed_in_reader()):
        for address in public_addresses(commented):
            response = viewer.get(address)
            if response.status_code == 200:
                answered += 1
            assert found_in(response.content) == [], address
    assert answered >= 2 * (len(public_addresses(commented)) - 1)


def signed_in_reader() -> Client:
    client = Client()
    client.force_login(UserFactory(username="nosy-reader"))
    return client


def test_the_page_cache_never_stores_them(commented, settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 86400
    settings.PAGE_CACHE_LOCATION = str(tmp_path / "store")
    # The commenter comes back with her remembered name and email; then strangers read.
    returning = Client()
    returning.cookies["comment_author_email"] = EMAIL
    returning.cookies["comment_author"] = "Probe"
    for address in public_addresses(commented):
        returning.get(address)
        Client().get(address)
    stored = [p for p in Path(tmp_path / "store").rglob("*") if p.is_file()]
    assert stored, "the page cache stored nothing: the test proves nothing"
    for path in stored:
        assert found_in(path.read_bytes()) == [], path


def test_a_member_who_is_not_the_owner_exports_no_commenters_data(commented, demo_blog):
    author = UserFactory(username="author-exporter")
    MembershipFactory(blog=demo_blog, user=author, role=Membership.Role.AUTHOR)
    commented.author = author
    commented.save()
    client = Client()
    client.force_login(author)
    response = client.get("/accounts/export/")
    assert response.status_code == 200 and b"author-exporter" in response.content
    assert found_in(response.content) == []


def test_the_owner_sees_them_where_moderation_needs_them(commented, alice):
    client = Client()
    client.force_login(alice)
    queue = client.get("/dashboard/demo/comments/?status=all")
    assert queue.status_code == 200
    assert IP.encode() in queue.content or EMAIL.encode() in queue.content  # the probe is real


def test_ips_older_than_the_retention_are_erased_by_the_workers_clock(commented, charlie,
                                                                      settings):  # fmt: skip
    assert settings.BYLINE_IP_RETENTION_DAYS == 30  # the default (config.py)
    old = Comment.objects.get(author_email=EMAIL)
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = Comment.objects.get(author_email=HELD_EMAIL)
    Comment.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=29))
    UserSession.objects.create(
        user=charlie,
        ip=IP,
        session_key="old-session",
        user_agent=AGENT,
        created_at=timezone.now() - timedelta(days=40),
    )
    UserSession.objects.create(user=charlie, ip=HELD_IP, session_key="new-session",
                               user_agent=AGENT)  # fmt: skip

    said = []
    periodic.run_jobs(said.append)  # what `byline worker --clock` does at each tick

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.author_ip, old.user_agent) == (None, "")
    assert old.author_email == EMAIL and old.content == "Hello"  # only the address goes
    assert recent.author_ip == HELD_IP
    sessions = dict(UserSession.objects.values_list("session_key", "ip"))
    assert sessions == {"old-session": ERASED_SESSION_IP, "new-session": HELD_IP}
    assert any("erased the IP addresses of 1 comments older than 30 days" in s for s in said)
    assert erase_old_ips() == []  # nothing left to do: the next tick is a no-op

    settings.BYLINE_IP_RETENTION_DAYS = 0
    erase_old_ips(now=timezone.now() + timedelta(seconds=1))
    recent.refresh_from_db()
    assert recent.author_ip is None


def test_the_workers_clock_runs_the_erasure():
    jobs = {job.name: job.function for job in periodic.JOBS}
    assert jobs["erase old IP addresses"] == "byline.security.retention.erase_old_ips"


def test_an_uploaded_file_never_runs_as_a_page_of_the_site(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "evil.html").write_text("<script>alert(1)</script>")
    (tmp_path / "demo" / "evil.svg").write_text('<svg onload="alert(1)"/>')
    (tmp_path / "demo" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    guest = Client()
    for name in ("evil.html", "evil.svg", "photo.png"):
        response = guest.get(f"/media/demo/{name}")
        assert response.status_code == 200, name
        policy = response["Content-Security-Policy"]
        assert "sandbox" in policy and "default-src 'none'" in policy, name
        assert response["X-Content-Type-Options"] == "nosniff"
    assert guest.get("/media/demo/evil.html")["Content-Disposition"] == "attachment"
    assert guest.get("/media/demo/evil.svg")["Content-Disposition"] == "attachment"
    photo = guest.get("/media/demo/photo.png").get("Content-Disposition", "")
    assert not photo.startswith("attachment")  # an image shows in the browser
