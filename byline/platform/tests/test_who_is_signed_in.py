"""A signed-in reader's request knows who they are from one read of their session and one
of their user, and still forgets them wherever Django would: a session ended elsewhere,
expired, or left behind by a password change, a deactivated account, a backend no longer
configured. (byline/platform/sessions.py and signed_in.py)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from byline.accounts.models import User
from byline.accounts.tests.signing_in import PASSWORD
from byline.platform.signed_in import user_by_pk

PROFILE = "/accounts/profile/"  # a page for signed-in readers only


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def is_signed_in(client: Client) -> bool:
    answer = client.get(PROFILE)
    if answer.status_code == 302:
        assert answer["Location"].startswith("/accounts/login/")
        return False
    assert answer.status_code == 200
    return True


def test_the_engine_is_djangos_database_sessions_read_by_one_statement():
    assert settings.SESSION_ENGINE == "byline.platform.sessions"
    assert "byline.platform.signed_in.AuthenticationMiddleware" in settings.MIDDLEWARE


def test_a_signed_in_readers_request_reads_the_session_and_the_user_once_each(charlie):
    reader = signed_in_client(charlie)
    with CaptureQueriesContext(connection) as queries:
        assert is_signed_in(reader)
    sessions = [q["sql"] for q in queries if "django_session" in q["sql"]]
    users = [q["sql"] for q in queries if 'FROM "accounts_user" WHERE "id" =' in q["sql"]]
    assert len(sessions) == 1 and sessions[0].startswith('SELECT "session_data"')
    assert len(users) == 1


def test_the_user_is_read_as_the_orm_reads_it(charlie):
    charlie.last_login = timezone.now() - datetime.timedelta(days=3)
    charlie.is_staff = True
    charlie.save()
    expected = User.objects.get(pk=charlie.pk)

    found = user_by_pk(charlie.pk)

    for field in User._meta.concrete_fields:
        mine, theirs = getattr(found, field.attname), getattr(expected, field.attname)
        assert mine == theirs and type(mine) is type(theirs), field.name
    assert found.last_login.tzinfo is not None
    assert found._state.db == expected._state.db and found._state.adding is False
    assert found.get_deferred_fields() == set()
    assert user_by_pk(charlie.pk + 1000) is None
    assert user_by_pk(str(charlie.pk)).pk == charlie.pk  # as the ORM takes a string pk


def test_a_session_ended_on_another_device_signs_the_reader_out(charlie):
    laptop, phone = signed_in_client(charlie), signed_in_client(charlie)
    assert is_signed_in(phone)

    # What "sign out other sessions" (allauth's usersessions) or signing out there does.
    Session.objects.filter(session_key=phone.session.session_key).delete()

    assert not is_signed_in(phone)
    assert is_signed_in(laptop)


def test_an_expired_session_is_nobodys(charlie):
    reader = signed_in_client(charlie)
    past = timezone.now() - datetime.timedelta(seconds=1)
    Session.objects.filter(session_key=reader.session.session_key).update(expire_date=past)
    assert not is_signed_in(reader)


def test_a_password_changed_elsewhere_signs_the_old_sessions_out(charlie):
    reader = signed_in_client(charlie)
    assert is_signed_in(reader)
    charlie.set_password("another long passphrase")
    charlie.save()
    assert not is_signed_in(reader)
    assert SESSION_KEY not in reader.session  # the stale session was flushed


def test_a_deactivated_account_is_signed_out(charlie):
    reader = signed_in_client(charlie)
    User.objects.filter(pk=charlie.pk).update(is_active=False)
    assert not is_signed_in(reader)


def test_a_backend_no_longer_configured_signs_nobody_in(charlie, settings):
    reader = signed_in_client(charlie)  # by the first backend, ModelBackend
    settings.AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
    assert not is_signed_in(reader)


class Marking(ModelBackend):
    """A backend that reads users its own way: it is asked, not the written-out statement."""

    def get_user(self, user_id):
        user = super().get_user(user_id)
        if user is not None:
            user.read_by = "Marking"
        return user


def test_a_backend_with_its_own_get_user_is_asked(charlie, settings):
    backend = f"{__name__}.Marking"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, backend]
    reader = Client()
    reader.force_login(charlie, backend=backend)
    answer = reader.get(PROFILE)
    assert answer.status_code == 200
    assert answer.wsgi_request.user.read_by == "Marking"


def test_a_guest_has_no_session_to_read(guest, db):
    with CaptureQueriesContext(connection) as queries:
        answer = guest.get(PROFILE)
    assert answer.status_code == 302
    assert not [q for q in queries if "django_session" in q["sql"] or "accounts_user" in q["sql"]]


def test_a_sign_in_with_a_password_is_stored_and_read_back(charlie):
    reader = Client()
    answer = reader.post("/accounts/login/", {"login": "charlie", "password": PASSWORD})
    assert answer.status_code == 302
    assert is_signed_in(reader)
    assert reader.get(PROFILE).wsgi_request.user.pk == charlie.pk
