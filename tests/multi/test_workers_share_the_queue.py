"""Two `byline worker` processes on one PostgreSQL run each queued task exactly once.

Each worker claims a task with SELECT … FOR UPDATE SKIP LOCKED (django-tasks-db), so the
two never take the same row; here every task sends one email to a real SMTP server on
loopback, which counts what arrives. (Scheduled posts, the periodic job, are shown in
tests/multi/test_many_machines.py and byline/dashboard/tests/.)
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter

import pytest

from tests.multi.cluster import Cluster
from tests.servers import fresh_postgres_database, server_env
from tests.support import answers, free_port, need

TASKS = 40

ENQUEUE = f"""
from byline.accounts.tasks import send_account_email
for n in range({TASKS}):
    send_account_email.enqueue(f"Task {{n}}", "Sent once.", "", "noreply@example.test",
                               ["queue@example.test"])
"""

STATES = """
from django_tasks_db.models import DBTaskResult
print(sorted(set(DBTaskResult.objects.values_list("status", flat=True))))
"""


class Inbox:
    def __init__(self):
        self.subjects, self.lock = [], threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        import email
        from email import policy

        subject = email.message_from_bytes(envelope.content, policy=policy.default)["Subject"]
        with self.lock:
            self.subjects.append(str(subject))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, inbox
    controller.stop()


def test_two_workers_send_each_queued_email_once(tmp_path, smtp):
    need("PostgreSQL", answers("127.0.0.1", 5432), "the workers share one PostgreSQL queue")
    port, inbox = smtp
    base_url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/byline"
    with fresh_postgres_database(base_url) as database_url:
        env = server_env(tmp_path, database_url, {"BYLINE_SMTP_URL": f"smtp://127.0.0.1:{port}"})
        cluster = Cluster(tmp_path, env)
        cluster.byline("migrate", "--no-input")
        cluster.shell(ENQUEUE)
        try:
            workers = [cluster.start_worker("worker-1"), cluster.start_worker("worker-2")]
            deadline = time.monotonic() + 40
            while len(inbox.subjects) < TASKS and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(1)  # a task run twice would arrive now
            assert all(worker.popen.poll() is None for worker in workers)
        finally:
            cluster.stop_all()
        assert Counter(inbox.subjects) == Counter(f"Task {n}" for n in range(TASKS))
        assert cluster.shell(STATES).strip() == "['SUCCESSFUL']"
