"""A writer schedules a post in the blog's own time zone, and it goes live at that moment."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command

from byline.dashboard.tests.writing import errors_on, form_data, messages_on, parsed, url
from byline.posts.models import Post

UTC = datetime.timezone.utc
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def schedule(client, blog, when: str, **fields):
    data = form_data(client.get(url("new", blog, kind="post")))
    data.update(
        {
            "title": "Moon at dawn",
            "body_markdown": "Look east.",
            "status": "scheduled",
            "published_at": when,
            **fields,
        }
    )
    return client.post(url("new", blog, kind="post"), data, follow=True)


@time_machine.travel(datetime.datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False)
def test_the_date_typed_is_read_in_the_blogs_time_zone(signed_in, alice, demo_blog):
    demo_blog.time_zone = "Asia/Tokyo"  # UTC+9: noon UTC is 21:00 there
    demo_blog.save()
    client = signed_in(alice)

    done = schedule(client, demo_blog, "2026-03-10T21:02")

    post = Post.objects.get()
    assert post.status == Post.Status.SCHEDULED
    assert post.published_at == datetime.datetime(2026, 3, 10, 12, 2, tzinfo=UTC)
    assert "Post scheduled for 2026-03-10 21:02 (Asia/Tokyo)." in messages_on(done)
    # The editor shows the date back as it was typed, in Tokyo time.
    assert parsed(done).select_one("#id_published_at")["value"] == "2026-03-10T21:02"


# Committed for real: the worker closes a connection it finds inside a transaction, which on
# PostgreSQL would end the test's own (see comments/tests/test_moderation_empty_trash.py).
@pytest.mark.django_db(transaction=True)
def test_a_scheduled_post_publishes_when_its_time_comes(signed_in, alice, guest, demo_blog):
    demo_blog.time_zone = "Asia/Tokyo"
    demo_blog.save()
    with time_machine.travel(datetime.datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False):
        schedule(signed_in(alice), demo_blog, "2026-03-10T21:02")
        post = Post.objects.get()
        guest.logout()
        assert guest.get(post.get_absolute_url()).status_code == 404
        call_command("worker", "--batch", verbosity=0)
        assert Post.objects.get().status == Post.Status.SCHEDULED  # not yet

    with time_machine.travel(datetime.datetime(2026, 3, 10, 12, 2, 30, tzinfo=UTC), tick=False):
        call_command("worker", "--batch", verbosity=0)
        post.refresh_from_db()
        assert post.status == Post.Status.PUBLISHED
        assert guest.get(post.get_absolute_url()).status_code == 200
        # The address carries the local date, which is already the 10th in Tokyo.
        assert post.get_absolute_url() == "/demo/2026/03/10/moon-at-dawn/"


@time_machine.travel(datetime.datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False)
def test_scheduling_in_the_past_is_refused_and_keeps_the_text(signed_in, alice, demo_blog):
    demo_blog.time_zone = "Asia/Tokyo"
    demo_blog.save()

    refused = schedule(signed_in(alice), demo_blog, "2026-03-10T20:59")

    assert refused.status_code == 400
    [message] = errors_on(refused)["published_at"]
    assert "That time has passed (it is now 2026-03-10 21:00 in Asia/Tokyo)" in message
    assert not Post.objects.exists()
    assert parsed(refused).select_one("#id_body_markdown").text.strip() == "Look east."


@time_machine.travel(datetime.datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False)
def test_publishing_with_a_date_to_come_schedules_the_post(signed_in, alice, demo_blog):
    schedule(signed_in(alice), demo_blog, "2026-04-01T08:00", status="published")

    post = Post.objects.get()
    assert post.status == Post.Status.SCHEDULED
    assert post.published_at == datetime.datetime(2026, 4, 1, 8, 0, tzinfo=UTC)


@time_machine.travel(datetime.datetime(2026, 3, 20, 12, 0, tzinfo=UTC), tick=False)
def test_a_time_the_clocks_skip_is_refused_with_a_message(signed_in, alice, demo_blog):
    demo_blog.time_zone = "Europe/Paris"  # 2026-03-29 02:30 does not exist there
    demo_blog.save()

    refused = schedule(signed_in(alice), demo_blog, "2026-03-29T02:30")

    assert refused.status_code == 400
    assert "Europe/Paris" in errors_on(refused)["published_at"][0]
