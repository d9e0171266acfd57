"""The benchmark's writers: guests posting comments and signed-in readers toggling likes
against a running `byline serve`, each result checked in the database afterwards."""

from __future__ import annotations

import http.client
import re
import threading
import time
import urllib.parse
from typing import TYPE_CHECKING

from fetch import get

if TYPE_CHECKING:
    from run import Byline


def write_comments(base: str, byline: Byline, writers: int, seconds: int) -> dict:
    """POST the comment form from `writers` keep-alive connections for `seconds`, then check
    in the database that every accepted comment is stored exactly once."""
    url = urllib.parse.urlsplit(base + byline.content["sink"])
    _, page, _ = get(base + byline.content["sink"])
    started = re.search(rb'name="started" value="([^"]+)"', page).group(1).decode()
    marker = f"bench-{int(time.time())}"
    parents = byline.content["sink_parents"]
    lock, sent, accepted, latencies, failures = threading.Lock(), [0], {}, [], {}
    deadline = time.monotonic() + seconds

    def writer() -> None:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        while True:
            with lock:
                if time.monotonic() >= deadline:
                    break
                sent[0] += 1
                seq = sent[0]
            form = {
                "comment": f"{marker} {seq}: a thought from the benchmark, number {seq}.",
                "author": f"Bench Writer {seq % 50}", "email": f"writer{seq % 50}@example.invalid",
                "url": "", "started": started, "homepage": "",
                "parent": str(parents[seq % len(parents)]) if seq % 3 == 0 else "",
            }  # fmt: skip
            began = time.perf_counter()
            try:
                connection.request("POST", url.path, urllib.parse.urlencode(form), {
                    "Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
                answer = connection.getresponse()
                answer.read()
                status, location = answer.status, answer.getheader("Location", "")
            except (OSError, http.client.HTTPException) as error:
                status, location = type(error).__name__, ""
                connection.close()
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            took = time.perf_counter() - began
            found = re.search(r"#comment-(\d+)$", location)
            with lock:
                latencies.append(took)
                if status == 303 and found:
                    accepted[seq] = found.group(1)
                else:
                    failures[str(status)] = failures.get(str(status), 0) + 1
        connection.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=writer) for _ in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    elapsed = time.perf_counter() - began
    stored = byline.stored_comments(marker)
    missing = [s for s in accepted if str(s) not in stored["seqs"]]
    doubled = [s for s, n in stored["seqs"].items() if n != 1]
    extra = [s for s in stored["seqs"] if int(s) not in accepted]
    wrong_id = [s for s, i in accepted.items() if stored["ids"].get(i) != 1]
    latencies.sort()
    return {
        "writers": writers, "seconds": round(elapsed, 2), "sent": sent[0],
        "accepted": len(accepted), "rejected": sent[0] - len(accepted), "failures": failures,
        "accepted_per_s": round(len(accepted) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "db_rows": sum(stored["seqs"].values()), "db_missing": len(missing),
        "db_duplicates": len(doubled), "db_extra": len(extra), "db_wrong_id": len(wrong_id),
        "verified": bool(accepted) and not (missing or doubled or extra or wrong_id),
    }  # fmt: skip


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p / 100))]


LIKERS = """
import json
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from byline.accounts.models import User
people = []
for n in range({n}):
    name = f"bench-liker-{{n}}"
    email = f"{{name}}@example.invalid"
    user, _ = User.objects.get_or_create(username=name, defaults={{"email": email}})
    client = Client()
    client.force_login(user)
    people.append({{"id": user.pk, "session": client.cookies["sessionid"].value,
                   "csrf": _get_new_csrf_string()}})
print(json.dumps(people))
"""

LIKE_ROWS = """
import json
from collections import Counter
from byline.social.models import Like
rows = Counter(Like.objects.filter(post_id={post}).values_list("user_id", flat=True))
print(json.dumps({{"rows": sum(rows.values()), "twice": sum(1 for n in rows.values() if n > 1),
                  "users": sorted(rows)}}))
"""


# Byline allows a reader 60 likes a minute (ACCOUNT_RATE_LIMITS["like"], byline/security): each
# of the concurrent togglers takes turns among this many accounts, as a crowd of readers would,
# so the benchmark measures the server rather than the rate limit.
ACCOUNTS_PER_TOGGLER = 16


def like_toggles(base: str, byline: Byline, readers: int, seconds: int) -> dict:
    """Have `readers` concurrent signed-in readers like and unlike the target post in turns (in
    place, as the htmx button does) for `seconds`, each taking turns among its accounts; then
    check in the database that each account's like exists at most once, exactly when its last
    answered toggle was a like, and that the page an anonymous reader gets next says as many
    likes as there are rows."""
    people = byline.shell_json(LIKERS.format(n=readers * ACCOUNTS_PER_TOGGLER))
    crowds = [people[i::readers] for i in range(readers)]
    post = byline.content["target_id"]
    url = urllib.parse.urlsplit(f"{base}/read/like/post/{post}/")
    lock, answered, latencies, failures, last = threading.Lock(), [0], [], {}, {}
    deadline = time.monotonic() + seconds

    def reader(crowd: list[dict]) -> None:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        actions = {person["id"]: "like" for person in crowd}
        turn = 0
        while time.monotonic() < deadline:
            person = crowd[turn % len(crowd)]
            turn += 1
            action = actions[person["id"]]
            cookies = f"sessionid={person['session']}; csrftoken={person['csrf']}"
            headers = {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true",
                       "X-CSRFToken": person["csrf"], "Cookie": cookies}  # fmt: skip
            began = time.perf_counter()
            try:
                connection.request("POST", url.path, f"action={action}", headers)
                answer = connection.getresponse()
                answer.read()
                status = answer.status
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            with lock:
                latencies.append(time.perf_counter() - began)
                if status == 200:
                    answered[0] += 1
                    last[person["id"]] = action
                else:
                    failures[str(status)] = failures.get(str(status), 0) + 1
            if status == 200:
                actions[person["id"]] = "unlike" if action == "like" else "like"
        connection.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=reader, args=(crowd,)) for crowd in crowds]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    elapsed = time.perf_counter() - began
    stored = byline.shell_json(LIKE_ROWS.format(post=post))
    mine = {p["id"] for p in people}
    expected = sorted(pk for pk, action in last.items() if action == "like")
    _, page, _ = get(base + byline.content["target"])
    shown = re.search(rb'class="likes-count">(?:(\d+) bloggers? likes? this|Be the first)', page)
    shown_count = None if shown is None else int(shown.group(1) or 0)
    latencies.sort()
    return {
        "measured": True, "readers": readers, "accounts": len(people),
        "seconds": round(elapsed, 2),
        "answered": answered[0], "failures": failures,
        "toggles_per_s": round(answered[0] / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "db_rows": stored["rows"], "db_twice": stored["twice"], "page_count": shown_count,
        "verified": bool(answered[0]) and stored["twice"] == 0
        and sorted(u for u in stored["users"] if u in mine) == expected
        and shown_count == stored["rows"],
    }  # fmt: skip
