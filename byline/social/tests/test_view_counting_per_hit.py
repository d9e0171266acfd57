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
    assert 0 < len(stats._robots) <= stats.ROBOTS_KEPT
    long_agent = "Mozilla/5.0 " + "x" * 5000
    assert stats.is_robot(long_agent) is False and long_agent not in stats._robots
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
