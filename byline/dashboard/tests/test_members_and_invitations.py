"""An administrator invites writers by email with a role, changes roles and removes members."""

from __future__ import annotations

import re

from django.core import mail

from byline.blogs.models import Membership
from byline.dashboard.invitations import send_invitation
from byline.dashboard.models import Invitation
from byline.dashboard.tests.writing import errors_on, messages_on, parsed, url
from tests.factories import UserFactory


def invite(client, blog, email, role="author"):
    return client.post(url("members", blog), {"email": email, "role": role}, follow=True)


def test_an_invited_writer_follows_the_link_and_joins_with_the_role(signed_in, alice, demo_blog,
                                                                     client):  # fmt: skip
    invite(signed_in(alice), demo_blog, "Nina@Example.test", role="contributor")
    invitation = Invitation.objects.get()
    assert send_invitation.call(invitation.pk) == 1

    [message] = mail.outbox
    assert message.to == ["nina@example.test"]
    assert message.subject == "Join Field Notes as contributor"
    link = re.search(r"https?://\S+/dashboard/join/\S+/", message.body).group(0)
    nina = UserFactory(username="nina", email="nina@example.test")
    client.force_login(nina)
    path = "/" + link.split("/", 3)[3]
    assert "as contributor" in parsed(client.get(path)).select_one("main p").text

    client.post(path)

    assert Membership.objects.get(blog=demo_blog, user=nina).role == "contributor"
    assert client.get(url("new", demo_blog, kind="post")).status_code == 200
    assert client.post(path).status_code == 404  # used once


def test_the_link_does_not_work_for_another_account(signed_in, alice, demo_blog, charlie, client):
    invite(signed_in(alice), demo_blog, "nina@example.test")
    token = Invitation.objects.get().token
    client.force_login(charlie)

    refused = client.post(f"/dashboard/join/{token}/")

    assert refused.status_code == 403
    assert not Membership.objects.filter(user=charlie).exists()


def test_alice_changes_bobs_role_and_removes_him(signed_in, alice, bob, demo_blog):
    client = signed_in(alice)
    his = Membership.objects.get(user=bob)

    client.post(url("member_role", demo_blog, pk=his.pk), {"role": "contributor"})
    assert Membership.objects.get(user=bob).role == "contributor"
    done = client.post(url("member_remove", demo_blog, pk=his.pk), follow=True)
    assert any("no longer writes on this blog" in m for m in messages_on(done))
    assert not Membership.objects.filter(user=bob).exists()


def test_the_owner_cannot_be_demoted_by_another_administrator(signed_in, alice, demo_blog):
    admin = UserFactory(username="ada")
    Membership.objects.create(blog=demo_blog, user=admin, role="administrator")
    client = signed_in(admin)
    owners = Membership.objects.get(user=alice)

    done = client.post(url("member_role", demo_blog, pk=owners.pk), {"role": "author"}, follow=True)

    assert "always its administrator" in messages_on(done)[0]
    assert Membership.objects.get(user=alice).role == "administrator"


def test_inviting_a_member_again_is_refused(signed_in, alice, bob, demo_blog):
    refused = invite(signed_in(alice), demo_blog, bob.email)

    assert "already writes on this blog" in errors_on(refused)["email"][0]
    assert not Invitation.objects.exists()


def test_editors_cannot_manage_members(signed_in, bob, demo_blog):
    client = signed_in(bob)
    assert client.get(url("members", demo_blog)).status_code == 404
    assert (
        client.post(
            url("members", demo_blog), {"email": "x@example.test", "role": "administrator"}
        ).status_code
        == 404
    )
    assert not Invitation.objects.exists()
