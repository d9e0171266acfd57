"""A real SMTP server on loopback for the email tests, and the worker that feeds it.

aiosmtpd listens on 127.0.0.1 and a free port; Byline's SMTP backend connects to it as
it would to any mail server, and every message that arrives is kept, parsed, for the
test to read. Nothing is mocked: the worker is django-tasks' own `db_worker`.
"""

from __future__ import annotations

import email
import re
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from urllib.parse import urlsplit

from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from byline.comments.tasks import tell_of_new_comments

SITE_URL = "http://byline.test"
LINK = re.compile(r"https?://\S+")


@dataclass
class Received:
    """One message as the mail server got it: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes

    @property
    def subject(self) -> str:
        # Django folds a long encoded subject onto the next line; readers see it unfolded.
        return str(self.message["Subject"]).strip()

    @property
    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain",)).get_content()
        return body.replace("\r\n", "\n")  # SMTP carries CRLF line ends

    def links(self) -> list[str]:
        return LINK.findall(self.text)

    def link_to(self, path_part: str) -> str:
        """Return the one link in the text whose address contains path_part."""
        found = [link for link in self.links() if path_part in link]
        assert len(found) == 1, f"expected one link with {path_part!r} in: {self.links()}"
        return found[0]

    def list_unsubscribe(self) -> str:
        """Return the address in the List-Unsubscribe header (RFC 2369: in angle brackets).

        Read as it came over the wire: mail providers take the address from there, so it
        must be plain ASCII, not an encoded word; only folding (RFC 5322) is allowed.
        """
        wire = email.message_from_bytes(self.raw, policy=policy.compat32)["List-Unsubscribe"]
        value = "".join(wire.split())
        assert value.startswith("<") and value.endswith(">") and "=?" not in value, wire
        return value[1:-1]


@dataclass
class Inbox:
    """The aiosmtpd handler: keeps every message that arrives."""

    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), message, envelope.content)
            )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        """Return the messages that arrived for this address, in order."""
        with self.lock:
            return [r for r in self.received if address in r.rcpt_tos]

    def recipients(self) -> list[str]:
        with self.lock:
            return sorted(a for r in self.received for a in r.rcpt_tos)

    def clear(self) -> None:
        with self.lock:
            self.received.clear()


def _comment_mail():
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=tell_of_new_comments.module_path
    )


def run_worker() -> None:
    """Run every queued task with the real worker, as `byline worker --batch` does.

    The emails of new comments wait some seconds for the comments that follow them
    (subscriptions.notify.COMMENT_MAIL_AFTER); a test does not wait: they are due at once.
    """
    _comment_mail().update(run_after=timezone.now())
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*",
                 "--no-reload", verbosity=0)  # fmt: skip
    failed = list(DBTaskResult.objects.failed())
    assert not failed, [(f.task_path, f.traceback) for f in failed]


def queued() -> int:
    """Return how many tasks wait for a worker (the emails of new comments as due now)."""
    waiting = DBTaskResult.objects.ready().exclude(task_path=tell_of_new_comments.module_path)
    return waiting.count() + _comment_mail().count()


def path_of(url: str) -> str:
    """Return the part of a link in an email that the test client requests."""
    assert url.startswith(SITE_URL + "/"), f"{url} is not on {SITE_URL}"
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
