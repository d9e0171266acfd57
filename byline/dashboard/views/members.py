"""A blog's members (/dashboard/<blog>/members/): invite by email, change roles, remove.

Administrators only, as in WordPress (promote_users). The owner stays an administrator
and cannot be removed; an administrator cannot remove themselves (another one can).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from byline.blogs.models import Membership
from byline.dashboard import invitations
from byline.dashboard.forms import InviteForm, RoleForm
from byline.dashboard.models import Invitation
from byline.dashboard.roles import RANK, Desk, Role
from byline.dashboard.views import see_other


def _members_url(blog) -> str:
    return reverse("dashboard:members", kwargs={"blog": blog.slug})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def members(request, blog: str):
    desk = Desk.find(request, blog, at_least=Role.ADMINISTRATOR)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email, role = form.cleaned_data["email"], form.cleaned_data["role"]
        if Membership.objects.filter(blog=desk.blog, user__email__iexact=email).exists():
            form.add_error("email", f"{email} already writes on this blog: change their role "
                                    "in the list instead.")  # fmt: skip
        else:
            Invitation.objects.open().filter(blog=desk.blog, email=email).delete()
            invitation = Invitation.objects.create(blog=desk.blog, email=email, role=role,
                                                   invited_by=request.user)  # fmt: skip
            invitations.send_invitation.enqueue(invitation.pk)
            messages.success(request, f"Invitation sent to {email}.")
            return see_other(_members_url(desk.blog))
    by_rank = Case(*(When(role=r, then=Value(-n)) for r, n in RANK.items()),
                   output_field=IntegerField())  # fmt: skip
    people = (
        Membership.objects.filter(blog=desk.blog)
        .select_related("user")
        .order_by(by_rank, "user__username")
    )
    context = {
        "desk": desk, "blog": desk.blog, "section": "members", "form": form,
        "memberships": people, "roles": Role.choices,
        "invitations": Invitation.objects.open().filter(blog=desk.blog),
    }  # fmt: skip
    return render(request, "dashboard/members.html", context, status=400 if form.errors else 200)


class _Refused(Exception):
    """What an administrator may not do to this membership; the message says why."""


def _other_membership(desk: Desk, pk: int) -> Membership:
    """Return a membership of the blog that is neither the owner's nor the user's own."""
    membership = get_object_or_404(Membership.objects.filter(blog=desk.blog), pk=pk)
    if membership.user_id == desk.blog.owner_id:
        raise _Refused("The blog's owner is always its administrator.")
    if membership.user_id == desk.user.pk:
        raise _Refused("Ask another administrator to change your own role.")
    return membership


@login_required
@require_POST
def change_role(request, blog: str, pk: int):
    desk = Desk.find(request, blog, at_least=Role.ADMINISTRATOR)
    form = RoleForm(request.POST)
    try:
        membership = _other_membership(desk, pk)
    except _Refused as refusal:
        messages.warning(request, str(refusal))
        return see_other(_members_url(desk.blog))
    if form.is_valid():
        membership.role = form.cleaned_data["role"]
        membership.save(update_fields=["role"])
        role = membership.get_role_display().lower()
        messages.success(request, f"{membership.user.public_name}'s role is now {role}.")
    return see_other(_members_url(desk.blog))


@login_required
@require_POST
def remove_member(request, blog: str, pk: int):
    desk = Desk.find(request, blog, at_least=Role.ADMINISTRATOR)
    try:
        membership = _other_membership(desk, pk)
    except _Refused as refusal:
        messages.warning(request, str(refusal))
        return see_other(_members_url(desk.blog))
    membership.delete()
    messages.success(request, f"{membership.user.public_name} no longer writes on this blog. "
                              "Their posts stay, under their name.")  # fmt: skip
    return see_other(_members_url(desk.blog))


@login_required
@require_POST
def cancel_invitation(request, blog: str, pk: int):
    desk = Desk.find(request, blog, at_least=Role.ADMINISTRATOR)
    invitation = get_object_or_404(Invitation.objects.filter(blog=desk.blog), pk=pk)
    invitation.delete()
    messages.success(request, f"The invitation to {invitation.email} is cancelled.")
    return see_other(_members_url(desk.blog))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def join(request, token: str):
    """Accept an invitation: a page that says to which blog and role, and a button."""
    invitation = get_object_or_404(Invitation.objects.open().select_related("blog"), token=token)
    allowed = invitations.may_accept(invitation, request.user)
    if request.method == "POST" and allowed:
        invitations.accept(invitation, request.user)
        messages.success(request, f"Welcome to {invitation.blog.title}.")
        return see_other(reverse("dashboard:blog", kwargs={"blog": invitation.blog.slug}))
    context = {"invitation": invitation, "allowed": allowed}
    return render(request, "dashboard/join.html", context, status=200 if allowed else 403)
