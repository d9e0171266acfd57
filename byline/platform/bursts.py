"""One queued task for a burst of events, where a task for each would do the same work again.

A burst of likes is one email to the person liked, a burst of comments on a blog one task
that tells of them all (issue #8). The event's own task takes everything that waits when it
runs, so an event need not queue another while one is queued to run later than a margin
from now (its transaction has long committed by then). The shared cache remembers when the
queued task runs, once the event's transaction commits; a forgotten time (another process's
local cache, an eviction) only queues one task more, which finds its share or nothing.
"""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone


def enqueue_once(task, arg, *, key: str, after: datetime.timedelta,
                 margin: datetime.timedelta) -> None:  # fmt: skip
    """Queue task(arg) to run `after` from now, unless the one remembered under `key` runs
    more than `margin` from now."""
    if waits(key, margin):
        return
    due = timezone.now() + after
    task.using(run_after=due).enqueue(arg)
    transaction.on_commit(lambda: cache.set(key, due, timeout=after.total_seconds()))


def waits(key: str, margin: datetime.timedelta) -> bool:
    """Return whether the task remembered under `key` runs more than `margin` from now (so
    it will take an event that happens now)."""
    waiting = cache.get(key)
    return waiting is not None and waiting - timezone.now() > margin
