"""Inviting people to write on a blog: the email with its link, and accepting it.

The link is the secret: whoever holds it may join, but only with an account that has the
invited address among its verified ones (allauth's EmailAddress), so a forwarded or leaked
link cannot seat a stranger. The email goes out from `byline worker`.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from byline.blogs.models import Membership
from byline.dashboard.models import Invitation


@task()
def send_invitation(invitation_id: int) -> int:
    """Email the invitation's link; return how many messages went out (0 if it was cancelled)."""
    from byline.subscriptions.emails import absolute, deliver, one_line, sender

    invitation = (
        Invitation.objects.open()
        .filter(pk=invitation_id)
        .select_related("blog", "invited_by")
        .first()
    )
    if invitation is None:
        return 0
    link = absolute(reverse("dashboard:join", kwargs={"token": invitation.token}))
    body = render_to_string("emails/invitation.txt", {"invitation": invitation, "link": link})
    subject = one_line(f"Join {invitation.blog.title} as {invitation.get_role_display().lower()}")
    message = EmailMessage(subject, body, sender(invitation.blog), [invitation.email])
    return deliver([message])


def may_accept(invitation: Invitation, user) -> bool:
    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


def accept(invitation: Invitation, user) -> Membership:
    """Seat the user on the blog with the invited role (a member keeps the higher of the two)."""
    from byline.dashboard.roles import RANK

    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            blog=invitation.blog, user=user, defaults={"role": invitation.role}
        )
        if not created and RANK[invitation.role] > RANK[membership.role]:
            membership.role = invitation.role
            membership.save(update_fields=["role"])
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    return membership
