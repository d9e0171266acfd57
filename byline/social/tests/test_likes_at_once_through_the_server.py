"""Through a real server: a hundred readers like one post at once, and the count is exact.

Two server processes take the clicks in parallel; the database's unique constraint, not
the application, keeps each reader's like single, and the shown count is counted from
the rows, so it cannot drift.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from .crowd import crowd_server, likers, new_post, press, shown_line, sign_in_crowd

CROWD = 100


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with crowd_server(tmp_path_factory.mktemp("likes-server")) as running:
        yield running


@pytest.fixture(scope="module")
def crowd(server):
    return sign_in_crowd(server, CROWD, "crowd")


def at_once(calls) -> list[int]:
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


def test_a_hundred_readers_like_one_post_at_once(server, crowd):
    post_id, path = new_post(server, "A hundred likes")

    statuses = at_once([lambda key=key: press(server, key, post_id) for _, key in crowd])

    assert statuses == [303] * CROWD
    stored = Counter(likers(server, post_id))
    assert sorted(stored) == sorted(user_id for user_id, _ in crowd)
    assert set(stored.values()) == {1}  # each reader's like exists once
    assert shown_line(server, path) == f"{CROWD} bloggers like this:"


def test_one_reader_liking_many_times_at_once_counts_once(server, crowd):
    post_id, path = new_post(server, "A double click")
    user_id, key = crowd[0]

    statuses = at_once([lambda: press(server, key, post_id) for _ in range(20)])

    assert statuses == [303] * 20
    assert likers(server, post_id) == [user_id]
    assert shown_line(server, path) == "1 blogger likes this:"


def test_unliking_while_others_like_leaves_a_consistent_count(server, crowd):
    post_id, path = new_post(server, "Coming and going")
    first, second = crowd[:50], crowd[50:]
    assert at_once([lambda key=key: press(server, key, post_id) for _, key in first]) == [303] * 50

    calls = [lambda key=key: press(server, key, post_id, "unlike") for _, key in first[10:]]
    calls += [lambda key=key: press(server, key, post_id) for _, key in second]
    # The first ten click Like and Liked at the same moment: either may land last.
    calls += [lambda key=key, action=action: press(server, key, post_id, action)
              for _, key in first[:10] for action in ("like", "unlike")]  # fmt: skip
    assert at_once(calls) == [303] * len(calls)

    stored = likers(server, post_id)
    assert len(stored) == len(set(stored))
    ids = set(stored)
    assert {u for u, _ in second} <= ids
    assert not ids & {u for u, _ in first[10:]}
    assert ids - {u for u, _ in second} <= {u for u, _ in first[:10]}
    assert shown_line(server, path) == f"{len(stored)} bloggers like this:"
