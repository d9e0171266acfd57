"""On PostgreSQL, a statement Byline repeats is parsed and planned once per connection, not on
every run (BYLINE_DB_PREPARED, on by default): psycopg prepares it after five runs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from byline.social import likes
from tests.factories import PostFactory


def test_the_likes_under_a_post_read_five_times_are_a_prepared_statement(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's own prepared statements: the PostgreSQL pass runs this")
    post = PostFactory()
    for _ in range(6):
        assert likes.of_post(post, AnonymousUser()).count == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    # Bound by the server: the post's id is $1 in the statement, not its value in the text.
    faces = [s for s in prepared if 'FROM "social_like" "l" INNER JOIN "accounts_user"' in s]
    assert len(faces) == 1 and "$1" in faces[0], prepared
