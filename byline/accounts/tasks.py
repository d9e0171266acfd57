"""Account email (verify an address, reset a password) goes out from `byline worker` too."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_account_email(subject: str, body: str, html: str, from_email: str, to: list[str]) -> int:
    """Send one message that allauth rendered during the request."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
