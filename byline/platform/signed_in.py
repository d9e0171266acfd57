"""request.user, as Django's AuthenticationMiddleware sets it, with the user read by one
written-out statement.

Every signed-in reader's request reads its user (a like, a follow, any page of theirs);
`User.objects.get(pk=…)` cost a third of a millisecond, most of it building the SQL and
a tenth of it the query. `get_user` below is django.contrib.auth.get_user line for line
(Django 5.2): the session names the user and the backend that signed them in, a backend
no longer in AUTHENTICATION_BACKENDS signs nobody in, and a session whose hash no longer
matches the user's password (changed elsewhere) is flushed. Only the read differs, and
only for backends that read users as ModelBackend does (allauth's does): the same columns
of the same row, from the database the router names, converted as the ORM converts them,
then the backend's own user_can_authenticate (an inactive user is nobody).
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import middleware
from django.contrib.auth.backends import ModelBackend
from django.db import connections, router
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject


class AuthenticationMiddleware(middleware.AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)  # request.auser stays Django's own
        request.user = SimpleLazyObject(lambda: _cached_user(request))


def _cached_user(request):
    # The attribute Django's middleware caches the user in: login() and logout() reset it.
    if not hasattr(request, "_cached_user"):
        request._cached_user = get_user(request)
    return request._cached_user


def get_user(request):
    """Return the user this request's session is signed in as, or an AnonymousUser."""
    from django.contrib.auth.models import AnonymousUser

    user = None
    session = request.session
    try:
        user_id = auth._get_user_session_key(request)
        backend_path = session[auth.BACKEND_SESSION_KEY]
    except KeyError:
        pass
    else:
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            backend = auth.load_backend(backend_path)
            user = _user_of(backend, user_id)
            # Verify the session
            if hasattr(user, "get_session_auth_hash"):
                session_hash = session.get(auth.HASH_SESSION_KEY)
                if not session_hash:
                    session_hash_verified = False
                else:
                    session_auth_hash = user.get_session_auth_hash()
                    session_hash_verified = constant_time_compare(session_hash, session_auth_hash)
                if not session_hash_verified:
                    # If the current secret does not verify the session, try with the
                    # fallback secrets and stop when a matching one is found.
                    if session_hash and any(
                        constant_time_compare(session_hash, fallback_auth_hash)
                        for fallback_auth_hash in user.get_session_auth_fallback_hash()
                    ):
                        session.cycle_key()
                        session[auth.HASH_SESSION_KEY] = session_auth_hash
                    else:
                        session.flush()
                        user = None
    return user or AnonymousUser()


def _user_of(backend, user_id):
    """backend.get_user(user_id), read by the written-out statement when the backend reads
    users as ModelBackend does."""
    if type(backend).get_user is not ModelBackend.get_user:
        return backend.get_user(user_id)
    user = user_by_pk(user_id)
    return user if user is not None and backend.user_can_authenticate(user) else None


def user_by_pk(pk):
    """Return the user with this primary key as `User._default_manager.get(pk=pk)` does
    (every concrete field loaded, the database's values converted), or None."""
    model = auth.get_user_model()
    alias = router.db_for_read(model)
    connection = connections[alias]
    statement, names, converters = _reading(model, connection)
    with connection.cursor() as cursor:
        cursor.execute(statement, [model._meta.pk.get_db_prep_value(pk, connection)])
        row = cursor.fetchone()
    if row is None:
        return None
    if converters:
        row = list(row)
        for at, functions, column in converters:
            value = row[at]
            for convert in functions:
                value = convert(value, column, connection)
            row[at] = value
    return model.from_db(alias, names, row)


def _reading(model, connection):
    """The statement, field names and converters that read a `model` row on this connection.

    Kept per thread and connection, since converters belong to one connection (Django's
    connections are per thread too); made again whenever the connection object changes.
    """
    held = getattr(_readings, connection.alias, None)
    if held is not None and held[0] is connection and held[1] is model:
        return held[2]
    meta, ops = model._meta, connection.ops
    fields = meta.concrete_fields
    columns = [field.get_col(meta.db_table) for field in fields]
    # Names from the model, the pk a parameter: nothing a request sends is in the text.
    statement = (
        f"SELECT {', '.join(ops.quote_name(field.column) for field in fields)} "  # noqa: S608
        f"FROM {ops.quote_name(meta.db_table)} WHERE {ops.quote_name(meta.pk.column)} = %s"
    )
    # What the ORM's compiler applies to each column it reads (SQLCompiler.get_converters):
    # the backend's (SQLite's texts to datetimes, 0/1 to booleans), then the field's own.
    converters = []
    for at, column in enumerate(columns):
        functions = ops.get_db_converters(column) + column.get_db_converters(connection)
        if functions:
            converters.append((at, functions, column))
    reading = (statement, [field.attname for field in fields], converters)
    setattr(_readings, connection.alias, (connection, model, reading))
    return reading


_readings = threading.local()
