"""Authors: each WordPress login becomes a mapped user or a new account nobody can sign in to."""

from __future__ import annotations

import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction

from byline.blogs.models import Membership
from byline.blogs.reserved import validate_username
from byline.porting import fields, wxr
from byline.porting.models import Origin

Kind = Origin.Kind


class AuthorImport:
    """The Importer's handling of <wp:author> and of the logins items name."""

    def _author(self, author: wxr.Author) -> None:
        login = fields.wordpress_login(author.login)[:300]
        if not login or login in self.authors:
            return
        author.login = login
        user = self._user_for(author)
        self.authors[login] = user
        if author.wp_id:
            self.authors_by_id[author.wp_id] = user

    def _user_for(self, author: wxr.Author):
        User = get_user_model()
        if author.login in self.author_map:
            user = User.objects.get(username=self.author_map[author.login])
            self.summary.add("authors", "mapped")
            self._ensure_member(user)
            return user
        if (Kind.AUTHOR, author.login) in self.origins:
            user = User.objects.filter(pk=self.origins[(Kind.AUTHOR, author.login)]).first()
            if user:
                self.summary.add("authors", "already imported")
                return user
        # A new account nobody can sign in to until its owner resets the password: an
        # import never hands a WordPress login to someone on this platform by name alone.
        username = self._free_username(author.login)
        user = User(
            username=username,
            email=fields.email(author.email),
            display_name=(author.display_name or author.login)[:150],
            first_name=author.first_name[:150],
            last_name=author.last_name[:150],
        )
        user.set_unusable_password()
        with transaction.atomic():
            user.save()
            if user.email and apps.is_installed("allauth.account"):
                # The address came from a file, not from its owner: it stays unverified
                # until they confirm it, as any new account's does.
                from allauth.account.models import EmailAddress

                EmailAddress.objects.create(
                    user=user, email=user.email, verified=False, primary=True
                )
            self._ensure_member(user)
            self._remember(Kind.AUTHOR, author.login, user.pk)
            self._save_origins()
        self.summary.add("authors", "imported")
        if username != author.login:
            self.summary.note(f"Author “{author.login}” is the new account “{username}”.")
        return user

    def _free_username(self, login: str) -> str:
        User = get_user_model()
        base = re.sub(r"[^\w.@+-]+", "-", login).strip("-")[:140] or "writer"
        try:
            validate_username(base)
        except Exception:  # noqa: BLE001 - any refusal means: pick another name
            base = f"{base}-writes"
        taken = set(
            User.objects.filter(username__startswith=base).values_list("username", flat=True)
        )
        return fields.unique(base, taken, 150)

    def _ensure_member(self, user) -> None:
        if user.pk != self.blog.owner_id:
            Membership.objects.get_or_create(
                blog=self.blog, user=user, defaults={"role": Membership.Role.AUTHOR}
            )

    def _author_of(self, login: str):
        login = fields.wordpress_login(login)
        if not login:
            return self.blog.owner
        if login not in self.authors:
            # WXR 1.0 files name authors only on their items.
            self._author(wxr.Author(login=login))
        return self.authors[login]


def parse_author_map(text: str) -> dict[str, str]:
    """Return {"old": "new"} for "old=new,other=someone"; raise ValueError on a bad pair."""
    found = {}
    for pair in filter(None, (p.strip() for p in (text or "").split(","))):
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ValueError(f"“{pair}” is not old=new")
        found[old.strip()] = new.strip()
    return found
