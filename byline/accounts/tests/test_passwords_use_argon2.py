"""Passwords are stored as Argon2id hashes; older hashes still work and are upgraded."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password

import byline.settings as configured
from byline.accounts.models import User
from byline.accounts.tests.signing_in import PASSWORD, log_in


@pytest.fixture
def real_hashers(settings):
    # The suite swaps in a fast hasher (conftest.py); these tests need the configured list.
    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS


def test_argon2_comes_first():
    assert configured.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_signing_up_stores_an_argon2id_hash(client, db, real_hashers):
    client.post("/accounts/signup/", {"email": "a2@example.test", "username": "argon",
                                      "password1": "a long and fine password",
                                      "password2": "a long and fine password"})  # fmt: skip

    assert User.objects.get(username="argon").password.startswith("argon2$argon2id$")


def test_an_older_pbkdf2_hash_is_upgraded_at_the_next_log_in(client, db, real_hashers):
    from tests.factories import UserFactory

    old = UserFactory(username="oldtimer")
    old.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    old.save()

    log_in(client, "oldtimer")

    assert User.objects.get(username="oldtimer").password.startswith("argon2$")
