"""The email tests' mail server: aiosmtpd on 127.0.0.1, with Byline's settings pointing at it."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller

from byline.subscriptions.tests.mailing import SITE_URL, Inbox
from tests.support import free_port


@pytest.fixture
def smtp(settings, transactional_db):
    """Yield the inbox of a real SMTP server that Byline sends all its mail to.

    The tests that read mail run the real worker, which (like any long-running process)
    closes a connection it finds inside a transaction; on PostgreSQL that would end the
    transaction a plain `db` test lives in, so these tests commit for real instead.
    """
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    # The worker runs in this process (call_command), so overriding settings here is enough.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "noreply@byline.test"
    settings.BYLINE_SITE_URL = SITE_URL
    try:
        yield inbox
    finally:
        controller.stop()
