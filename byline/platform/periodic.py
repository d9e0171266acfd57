"""The jobs `byline worker` runs on a clock, beside the tasks queued in the database.

A queued task runs because someone asked for it; these run because time passed (issue #6:
a scheduled post goes live at its time). Each worker runs them in a background thread;
every job is safe to run from several workers at once, so no worker needs to be special.

That safety is each job's own, in the database, never in a lock file or a "leader" worker
(workers run on many machines): a job claims its rows with SELECT … FOR UPDATE SKIP LOCKED
and changes each with a conditional UPDATE that only one transaction can match, as
byline/dashboard/scheduling.py does. A new job must do the same. Proven with two real
worker processes on one PostgreSQL (tests/multi/test_many_machines.py,
byline/dashboard/tests/test_scheduled_posts_publish_once.py); the queued tasks beside these
are claimed the same way by django-tasks-db (tests/multi/test_workers_share_the_queue.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    function: str  # dotted path, imported when the job first runs

    def run(self) -> list:
        return import_string(self.function)() or []


JOBS = [
    Job("publish scheduled posts", "byline.dashboard.scheduling.publish_due_posts"),
    # After a change of the comment HTML rules (byline/comments/rendering.py), a batch a tick.
    Job("render comments under new HTML rules", "byline.comments.housekeeping.refresh_stale_html"),
]
# Visitors' IP addresses are kept BYLINE_IP_RETENTION_DAYS, then forgotten (issue #10).
JOBS += [Job("erase old IP addresses", "byline.security.retention.erase_old_ips")]


def run_jobs(report: Callable[[str], None] = log.info) -> None:
    """Run every job once, reporting what each one did; a failing job does not stop the rest."""
    for job in JOBS:
        try:
            for done in job.run():
                report(f"{job.name}: {done} (#{done.pk})" if hasattr(done, "pk") else f"{done}")
        except Exception:  # noqa: BLE001 - log it and keep the worker alive for the next tick
            log.exception("The periodic job “%s” failed; it runs again at the next tick.", job.name)


class Clock(threading.Thread):
    """Run the jobs every `interval` seconds until stopped (a daemon: it dies with the worker)."""

    def __init__(self, interval: float, report: Callable[[str], None] = log.info):
        super().__init__(name="byline-periodic-jobs", daemon=True)
        self.interval, self.report = interval, report
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            run_jobs(self.report)
            connections.close_all()  # this thread's own: none stays open, idle, between ticks
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()
