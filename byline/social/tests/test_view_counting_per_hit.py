"""What a page-cache hit asks to count a view (a robot? which day?) is remembered between
hits, and the answers are those the plain computation gives."""

from __future__ import annotations

import datetime
import zoneinfo

import time_machine
from django.utils import timezone

from byline.social import stats

AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Googlebot/2.1 (+http://www.google.com/bot.html)",
    "curl/8.5.0",
    "",
    "   ",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1",
]


def test_robots_are_told_apart_the_same_when_remembered():
    plain = [not a.strip() or bool(stats.BOT.search(a)) for a in AGENTS]
    assert plain == [False, True, True, True, True, False]
    assert [stats.is_robot(a) for a in AGENTS] == plain
    assert [stats.is_robot(a) for a in AGENTS] == plain  # the remembered answers


def test_remembered_robot_answers_are_bounded():
    for n in range(3000):
        stats.is_robot(f"Agent {n}")
    assert 0 < len(stats.is_robot.answers) <= stats.is_robot.kept
    long_agent = "Mozilla/5.0 " + "x" * 5000
    assert stats.is_robot(long_agent) is False and long_agent not in stats.is_robot.answers
    assert stats.is_robot(long_agent + " Googlebot") is True


def test_the_day_changes_at_each_zones_midnight():
    for zone in ("Pacific/Auckland", "America/Los_Angeles", "UTC", "Asia/Kolkata"):
        tz = zoneinfo.ZoneInfo(zone)
        midnight = datetime.datetime(2026, 3, 29, tzinfo=tz)
        for moment in (
            midnight - datetime.timedelta(seconds=1),
            midnight,
            midnight + datetime.timedelta(hours=23, minutes=59),
            midnight + datetime.timedelta(days=1, seconds=1),
            midnight - datetime.timedelta(days=3),  # back in time: not the remembered day
        ):
            with time_machine.travel(moment, tick=False):
                assert stats.today_in(zone) == timezone.localdate(timezone=tz), (zone, moment)


def test_a_full_batch_is_noticed_by_its_count(monkeypatch):
    tally = stats.Tally()
    monkeypatch.setattr(stats, "FLUSH_VIEWS", 10**9)
    for n in range(7):
        tally.add((n, datetime.date(2026, 1, 1), ""))
    assert tally.counted == 7
    tally.take()
    assert tally.counted == 0


def test_a_markers_post_and_zone_are_read_once_and_counted_as_named(monkeypatch):
    counted = []
    monkeypatch.setattr(stats.tally, "add", counted.append)
    meta = {"REQUEST_METHOD": "GET", "HTTP_HOST": "blog.example"}
    stats._markers.clear()
    for _ in range(3):
        stats.count_view(meta, "7 Pacific/Auckland")
    stats.count_view({**meta, "HTTP_REFERER": "https://www.news.example/a"}, "8 UTC")
    assert stats._markers == {"7 Pacific/Auckland": (7, "Pacific/Auckland"), "8 UTC": (8, "UTC")}
    auckland = stats.today_in("Pacific/Auckland")
    assert counted == [(7, auckland, "")] * 3 + [(8, stats.today_in("UTC"), "news.example")]


def test_a_broken_marker_counts_nothing_and_is_not_remembered(monkeypatch, caplog):
    counted = []
    monkeypatch.setattr(stats.tally, "add", counted.append)
    stats._markers.clear()
    stats.count_view({"REQUEST_METHOD": "GET"}, "not-a-post UTC")
    assert counted == [] and stats._markers == {}
    assert "Could not count a view" in caplog.text


class Connection:
    def __init__(self, log):
        self.log = log

    def close_if_unusable_or_obsolete(self):
        self.log.append("checked")


class Connections:
    """django.db.connections, as the writing thread uses it."""

    def __init__(self, log):
        self.log = log

    def all(self, initialized_only=False):
        return [Connection(self.log)]

    def close_all(self):
        self.log.append("closed")


class Stop(Exception):
    pass


def test_the_writing_thread_keeps_its_connection_while_views_keep_coming(monkeypatch):
    """Opening a connection for each batch cost more than the batch's writes; an idle
    thread still holds none."""
    import django.db

    log = []
    monkeypatch.setattr(django.db, "connections", Connections(log))
    tally = stats.Tally()
    # What each wake finds: views, views, none, none, views, none; then the test ends.
    wakes = iter([True, True, False, False, True, False])

    def wait(timeout):
        try:
            if next(wakes):
                tally.views[(1, datetime.date(2026, 1, 1), "")] += 1
        except StopIteration:
            raise Stop from None

    monkeypatch.setattr(tally.due, "wait", wait)
    monkeypatch.setattr(tally, "flush", lambda: log.append("flushed") or tally.take().total())
    try:
        tally._write_forever()
    except Stop:
        pass
    assert log == ["flushed", "checked", "flushed", "checked", "closed",
                   "flushed", "checked", "closed"]  # fmt: skip
