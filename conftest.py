"""The cast of every Byline test, and the switches that say what this machine can run.

Personas (each a fixture):
- alice owns the blog "demo" (administrator): she may do anything on it.
- bob is an editor on "demo": he reads and manages everything on it, owns nothing.
- charlie is signed in but belongs to no blog: an outsider, a reader like any other.
- guest is an anonymous visitor (a test client with nobody signed in).
"""

from __future__ import annotations

import pytest

from tests.factories import BlogFactory, MembershipFactory, UserFactory

# Which tests the PostgreSQL pass runs (--database-tests-only), and the slowest modules first
# so that both xdist workers finish together: see those modules.
pytest_plugins = ["tests.database_passes", "tests.run_order"]


def pytest_configure(config):
    from django.conf import settings

    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Argon2 takes about half a second a password, by design, and the tests make hundreds
    # of accounts. byline/accounts/tests/test_passwords_use_argon2.py checks the real list.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher",
                                 *settings.PASSWORD_HASHERS]  # fmt: skip
    empty_tables_quickly_after_transactional_tests()


# Migrate fills these; nothing in Byline or its tests writes them.
KEPT_BY_FLUSH = {"django_content_type", "auth_permission"}


def empty_tables_quickly_after_transactional_tests():
    """Make Django's flush, run after each `transactional_db` test, cost milliseconds.

    It used to empty every table, then rebuild the content types and permissions that
    migrate made, one committed INSERT at a time (about 150 queries), and on PostgreSQL
    it emptied them with a TRUNCATE that gives each of some fifty tables new files:
    measured on a busy machine, 1-2 s a test on PostgreSQL, 40 ms with this. Now those two
    tables keep their rows (the rebuild then finds them and writes nothing) and
    PostgreSQL deletes the rows; its foreign keys are deferred, so the order is free.
    """
    from django.core.management.commands import flush

    everything = flush.sql_flush

    def sql_flush(style, connection, reset_sequences=True, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return everything(style, connection, reset_sequences, allow_cascade)
        tables = connection.introspection.django_table_names(True, include_views=False)
        tables = [t for t in tables if t not in KEPT_BY_FLUSH]
        if connection.vendor != "postgresql":
            return connection.ops.sql_flush(style, tables)
        return ["SET CONSTRAINTS ALL DEFERRED;",
                *(f"DELETE FROM {connection.ops.quote_name(t)};" for t in tables)]  # noqa: S608 # fmt: skip

    flush.sql_flush = sql_flush


@pytest.fixture(autouse=True)
def fresh_cache(settings, tmp_path):
    """Start every test with an empty cache, so rate-limit counts never leak between tests.

    The page cache is off, so each test sees its pages drawn (and query counts mean
    something); byline/pagecache/tests turn it on with their `page_cache` fixture, and
    servers started by tests have it on, as in production.
    """
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_LOCATION = str(tmp_path / "pagecache")
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_view_tally():
    """Forget post views an earlier test counted but never wrote (byline/social/stats.py
    writes them in batches), so they cannot land on this test's posts."""
    from byline.social.stats import tally

    tally.take()


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", display_name="Alice Moreau")


@pytest.fixture
def demo_blog(alice):
    from byline.blogs.models import Membership

    blog = BlogFactory(slug="demo", title="Field Notes", owner=alice)
    MembershipFactory(blog=blog, user=alice, role=Membership.Role.ADMINISTRATOR)
    return blog


@pytest.fixture
def bob(demo_blog):
    from byline.blogs.models import Membership

    user = UserFactory(username="bob", display_name="Bob Okafor")
    MembershipFactory(blog=demo_blog, user=user, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def charlie(db):
    return UserFactory(username="charlie", display_name="Charlie Outsider")


@pytest.fixture
def guest(client):
    return client


@pytest.fixture
def signed_in(client):
    """Return a function that signs a persona in on the test client and returns the client."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
