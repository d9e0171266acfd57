"""Which database a read goes to, decided without a replica in the room.

tests/multi/test_read_replica.py shows the choices on two real databases; these pin down
the rules one by one (the router only names a database, so no replica is needed here).
"""

from __future__ import annotations

import time

import pytest
from django.db import transaction
from django.test import RequestFactory

from byline.platform import database_routing
from byline.platform.database_routing import COOKIE, PrimaryReplicaRouter, may_use_replica
from byline.posts.models import Post


@pytest.fixture
def router():
    yield PrimaryReplicaRouter()
    database_routing._may_use_replica.set(False)


def allowed():
    return database_routing._may_use_replica.set(True)


def test_outside_a_request_everything_reads_the_primary(router):
    # Workers and commands act on what they read: a lagging copy would mislead them.
    assert router.db_for_read(Post) == "default"


@pytest.mark.django_db(transaction=True)  # no test-wide transaction around it
def test_a_request_that_may_use_the_replica_reads_it_outside_transactions(router):
    allowed()
    assert router.db_for_read(Post) == "replica"
    with transaction.atomic():
        assert router.db_for_read(Post) == "default"


def test_after_a_write_the_request_reads_the_primary(router):
    allowed()
    assert router.db_for_write(Post) == "default"
    assert router.db_for_read(Post) == "default"


def test_only_the_primary_is_migrated(router):
    assert router.allow_migrate("default", "posts")
    assert not router.allow_migrate("replica", "posts")


def test_which_requests_may_read_the_replica(settings, rf: RequestFactory):
    settings.PAGE_CACHE_SECONDS = 3600
    assert may_use_replica(rf.get("/"))  # the platform's home: never page-cached
    assert may_use_replica(rf.get("/read/"))
    assert not may_use_replica(rf.post("/demo/2026/01/01/hello/"))
    # A blog's page for a stranger: the page cache stores it, so it is drawn from the primary.
    assert not may_use_replica(rf.get("/demo/"))
    settings.PAGE_CACHE_SECONDS = 0
    assert may_use_replica(rf.get("/demo/"))


def test_a_recent_writer_is_pinned_to_the_primary(rf: RequestFactory):
    later, earlier = int(time.time()) + 10, int(time.time()) - 1
    assert not may_use_replica(rf.get("/", HTTP_COOKIE=f"{COOKIE}={later}"))
    assert may_use_replica(rf.get("/", HTTP_COOKIE=f"{COOKIE}={earlier}"))
    assert may_use_replica(rf.get("/", HTTP_COOKIE=f"{COOKIE}=not-a-time"))
