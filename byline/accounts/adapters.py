"""How allauth fits Byline: mail through the task queue, names and pictures from providers."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from byline.accounts.tasks import send_account_email

# The comment form says who is signed in, so these would only pile up unseen on the next
# page that shows messages.
QUIET_MESSAGES = {"account/messages/logged_in.txt", "account/messages/logged_out.txt"}


class AccountAdapter(DefaultAccountAdapter):
    def add_message(self, request, level, message_template=None, message_context=None,
                    extra_tags="", message=None) -> None:  # fmt: skip
        if message_template not in QUIET_MESSAGES:
            super().add_message(request, level, message_template, message_context, extra_tags,
                                message)  # fmt: skip

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Queue the message for `byline worker`: no request waits on a mail server."""
        context = {**context, "site_name": settings.SITE_NAME}
        message = self.render_mail(template_prefix, email, context)
        html = ""
        if isinstance(message, EmailMultiAlternatives):
            html = next((body for body, kind in message.alternatives if kind == "text/html"), "")
        if message.content_subtype == "html":  # allauth sends HTML alone when there is no text
            message.body, html = "", message.body
        send_account_email.enqueue(message.subject, message.body, html, message.from_email,
                                   list(message.to))  # fmt: skip


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_providers(self, request):
        """List the providers to offer, without one entry per Mastodon server known."""
        return [p for p in super().list_providers(request) if p.id != "mastodon"]

    def populate_user(self, request, sociallogin, data):
        """Take the reader's name from the provider as their display name."""
        user = super().populate_user(request, sociallogin, data)
        name = (data.get("name") or "").strip()
        if not name:
            name = " ".join(p for p in (data.get("first_name"), data.get("last_name")) if p)
        user.display_name = (name or data.get("username") or "")[:150]
        return user
