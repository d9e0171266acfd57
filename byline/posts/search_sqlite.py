"""Full-text search on SQLite with FTS5.

An external-content FTS5 table, posts_post_fts, is kept in step with posts_post by
triggers, so no Python code has to remember to index a post. Django's SQLite schema
editor rebuilds a table to alter it, which drops its triggers; ensure_schema() runs
after every migrate (PostsConfig.ready) and puts back whatever is missing.
A reader's words are turned into a safe FTS5 query here: FTS5's own syntax would
turn input such as `"` or `AND (` into an error.
"""

from __future__ import annotations

import re

from django.db.models import FloatField
from django.db.models.expressions import RawSQL

SCHEMA = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS posts_post_fts USING fts5(
        title, search_text, content='posts_post', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS posts_post_fts_insert AFTER INSERT ON posts_post BEGIN
        INSERT INTO posts_post_fts(rowid, title, search_text)
        VALUES (new.id, new.title, new.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS posts_post_fts_delete AFTER DELETE ON posts_post BEGIN
        INSERT INTO posts_post_fts(posts_post_fts, rowid, title, search_text)
        VALUES ('delete', old.id, old.title, old.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS posts_post_fts_update
    AFTER UPDATE OF title, search_text ON posts_post BEGIN
        INSERT INTO posts_post_fts(posts_post_fts, rowid, title, search_text)
        VALUES ('delete', old.id, old.title, old.search_text);
        INSERT INTO posts_post_fts(rowid, title, search_text)
        VALUES (new.id, new.title, new.search_text);
    END""",
]
TRIGGERS = {"posts_post_fts_insert", "posts_post_fts_delete", "posts_post_fts_update"}


def ensure_schema(connection) -> None:
    """Create the FTS5 table and triggers where missing, and reindex if any was."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'posts_post'"
        )
        if not cursor.fetchone():
            return  # posts not migrated yet
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
        if TRIGGERS <= present:
            return
        for statement in SCHEMA:
            cursor.execute(statement)
        cursor.execute("INSERT INTO posts_post_fts(posts_post_fts) VALUES ('rebuild')")


_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(words: str) -> str | None:
    """Return an FTS5 query for a reader's words, or None when nothing is searchable.

    Understands what web search boxes do: words must all match, "quoted phrases"
    match as phrases, OR between two words matches either, and -word excludes.
    """
    groups: list[list[str]] = []
    excluded: list[str] = []
    join_next = False
    for token in _TOKEN.findall(words or ""):
        if token == "OR" and groups:  # noqa: S105 - a search word, not a secret
            join_next = True
            continue
        negative = token.startswith("-") and len(token) > 1
        terms = _WORD.findall(token)
        if not terms:
            continue
        phrase = '"' + " ".join(terms) + '"'
        if negative:
            excluded.append(phrase)
        elif join_next:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        join_next = False
    if not groups:
        return None
    query = " AND ".join("(" + " OR ".join(group) + ")" for group in groups)
    for phrase in excluded:
        query = f"({query}) NOT {phrase}"
    return query


def search(queryset, words: str):
    query = fts_query(words)
    if query is None:
        return queryset.none()
    match = "SELECT rowid FROM posts_post_fts WHERE posts_post_fts MATCH %s"
    # bm25 is lower for better matches; a title hit weighs ten body hits.
    rank = (
        "SELECT bm25(posts_post_fts, 10.0, 1.0) FROM posts_post_fts "
        "WHERE posts_post_fts MATCH %s AND rowid = posts_post.id"
    )
    return (
        # The SQL is ours and constant; the reader's words travel as a parameter.
        queryset.filter(id__in=RawSQL(match, [query]))
        .annotate(rank=RawSQL(rank, [query], output_field=FloatField()))
        .order_by("rank", "-published_at", "-id")
    )
