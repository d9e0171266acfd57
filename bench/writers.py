"""The benchmark's writers: guests posting comments and signed-in readers toggling likes
against a running `byline serve`, each result checked in the database afterwards."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from fetch import get

if TYPE_CHECKING:
    from run import Byline

HERE = Path(__file__).resolve().parent


def write_comments(base: str, byline: Byline, writers: int, seconds: int) -> dict:
    """POST the comment form from `writers` wrk connections for `seconds`, then check in the
    database that every accepted comment is stored exactly once."""
    _, page, _ = get(base + byline.content["sink"])
    started = re.search(rb'name="started" value="([^"]+)"', page).group(1).decode()
    marker = f"bench-{int(time.time())}"
    parents = ",".join(str(p) for p in byline.content["sink_parents"])
    form = {"BENCH_MARKER": marker, "BENCH_STARTED": started, "BENCH_PARENTS": parents}
    run, lines = wrk_writers(base, byline.content["sink"], writers, seconds,
                             BENCH_WRITE="comment", **form)  # fmt: skip
    sent, accepted, failures, unanswered = 0, {}, {}, set()
    for kind, seq, status, location in lines:
        if kind == "S":
            sent += 1
            unanswered.add(seq)
            continue
        unanswered.discard(seq)
        found = re.search(r"#comment-(\d+)$", location)
        if status == "303" and found:
            accepted[seq] = found.group(1)
        else:
            failures[status] = failures.get(status, 0) + 1
    stored = byline.stored_comments(marker)
    missing = [s for s in accepted if s not in stored["seqs"]]
    doubled = [s for s, n in stored["seqs"].items() if n != 1]
    # A comment sent as wrk stopped, whose answer never came, may be stored or not.
    extra = [s for s in stored["seqs"] if s not in accepted and s not in unanswered]
    wrong_id = [s for s, i in accepted.items() if stored["ids"].get(i) != 1]
    elapsed = run["seconds"]
    return {
        "writers": writers, "seconds": round(elapsed, 2), "sent": sent,
        "accepted": len(accepted), "rejected": sent - len(accepted) - len(unanswered),
        "unanswered_at_stop": len(unanswered), "failures": failures,
        "accepted_per_s": round(len(accepted) / elapsed, 1),
        "p50_ms": round(run["p50_ms"], 1), "p99_ms": round(run["p99_ms"], 1),
        "db_rows": sum(stored["seqs"].values()), "db_missing": len(missing),
        "db_duplicates": len(doubled), "db_extra": len(extra), "db_wrong_id": len(wrong_id),
        "verified": bool(accepted) and not (missing or doubled or extra or wrong_id),
    }  # fmt: skip


def wrk_writers(base: str, path: str, writers: int, seconds: int, **env) -> tuple[dict, list]:
    """Run bench/wrk_writers.lua with one connection per wrk thread; return wrk's summary and
    every thread's lines ("S"ent or "R"eceived, the request's number, and the rest)."""
    assert base.startswith("http://127.0.0.1:"), base  # noqa: S101 - loopback only
    with tempfile.TemporaryDirectory(prefix="byline-bench-writers-") as out:
        command = ["wrk", f"-t{writers}", f"-c{writers}", f"-d{seconds}s", "--timeout", "30s",
                   "--latency", "-s", str(HERE / "wrk_writers.lua"), base + path]  # fmt: skip
        environment = {**os.environ, **env, "BENCH_OUT": out, "BENCH_THREADS": str(writers)}
        output = subprocess.run(command, env=environment, capture_output=True, text=True,  # noqa: S603
                                check=True).stdout  # fmt: skip
        # The server finishes what wrk sent last before the database is read.
        time.sleep(1)
        summary = next(x for x in output.splitlines() if x.startswith("BENCHJSON "))
        lines = []
        for name in sorted(os.listdir(out)):
            for line in Path(out, name).read_text().splitlines():
                kind, seq, *rest = line.split(" ")
                lines.append((kind, seq, *(rest + ["-", "-"])[:2]))
    return json.loads(summary.removeprefix("BENCHJSON ")), lines


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p / 100))]


LIKERS = """
import json
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test import Client
from byline.accounts.models import User
people = []
for n in range({n}):
    name = f"bench-liker-{{n}}"
    email = f"{{name}}@example.invalid"
    user, _ = User.objects.get_or_create(username=name, defaults={{"email": email}})
    client = Client()
    client.force_login(user)
    secret = _get_new_csrf_string()  # the csrftoken cookie; the page's forms carry it masked
    people.append({{"id": user.pk, "session": client.cookies["sessionid"].value,
                   "secret": secret, "token": _mask_cipher_secret(secret)}})
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
# 128 each: at 800 toggles a second, 128 accounts in all reached the limit within 10 seconds,
# and with 64 each (512) some did too at 825 a second, since the togglers do not go equally
# fast (one wrk connection may send three times as many as another): 144 of 8,406 were 429s.
ACCOUNTS_PER_TOGGLER = 128


def like_toggles(base: str, byline: Byline, readers: int, seconds: int) -> dict:
    """Have `readers` concurrent signed-in readers (wrk connections) like and unlike the target
    post in turns (in place, as the htmx button does) for `seconds`, each taking turns among
    its accounts; then check in the database that each account's like exists at most once,
    exactly when its last answered toggle was a like, and that the page an anonymous reader
    gets next says as many likes as there are rows."""
    people = byline.shell_json(LIKERS.format(n=readers * ACCOUNTS_PER_TOGGLER))
    post = byline.content["target_id"]
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as crowd:
        crowd.writelines(f"{p['id']} {p['session']} {p['secret']} {p['token']}\n"
                        for p in people)  # fmt: skip
        crowd.flush()
        run, lines = wrk_writers(base, f"/read/like/post/{post}/", readers, seconds,
                                 BENCH_WRITE="like", BENCH_PEOPLE=crowd.name)  # fmt: skip
    answered, failures, last, unsure, sending = 0, {}, {}, set(), {}
    for kind, seq, first, second in lines:  # each thread's lines in order
        if kind == "S":
            sending[seq] = (int(first), second)  # the account, and what it asked
            continue
        person, action = sending.pop(seq)
        if first == "200":
            answered += 1
            last[person] = action
        else:
            failures[first] = failures.get(first, 0) + 1
    # A toggle sent as wrk stopped, whose answer never came, may have been done or not.
    unsure = {person for person, _ in sending.values()}
    stored = byline.shell_json(LIKE_ROWS.format(post=post))
    mine = {p["id"] for p in people}
    expected = {pk for pk, action in last.items() if action == "like"}
    liked = {u for u in stored["users"] if u in mine}
    _, page, _ = get(base + byline.content["target"])
    shown = re.search(rb'class="likes-count">(?:(\d+) bloggers? likes? this|Be the first)', page)
    shown_count = None if shown is None else int(shown.group(1) or 0)
    elapsed = run["seconds"]
    return {
        "measured": True, "readers": readers, "accounts": len(people),
        "seconds": round(elapsed, 2), "answered": answered, "failures": failures,
        "unanswered_at_stop": len(sending),
        "toggles_per_s": round(answered / elapsed, 1),
        "p50_ms": round(run["p50_ms"], 1), "p99_ms": round(run["p99_ms"], 1),
        "db_rows": stored["rows"], "db_twice": stored["twice"], "page_count": shown_count,
        "verified": bool(answered) and stored["twice"] == 0
        and liked - unsure == expected - unsure and shown_count == stored["rows"],
    }  # fmt: skip
