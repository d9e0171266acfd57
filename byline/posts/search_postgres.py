"""Full-text search on PostgreSQL.

Migration 0002 adds posts_post.search_vector, a stored generated tsvector column
(title weighted A, body B) with a GIN index, so PostgreSQL keeps it current on every
write. websearch_to_tsquery accepts anything a reader types ("phrases", OR, -word)
and never raises on malformed input.
"""

from __future__ import annotations

from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

TSQUERY = "websearch_to_tsquery('english', %s)"


def search(queryset, words: str):
    # PostgreSQL refuses NUL in any text value, even a query parameter ("?s=%00").
    words = (words or "").replace("\x00", " ")
    if not words.strip():
        return queryset.none()
    return (
        queryset.annotate(
            # The SQL is ours and constant; the reader's words travel as a parameter.
            matched=RawSQL(f"posts_post.search_vector @@ {TSQUERY}", [words], BooleanField()),
            rank=RawSQL(f"ts_rank(posts_post.search_vector, {TSQUERY})", [words], FloatField()),
        )
        .filter(matched=True)
        .order_by("-rank", "-published_at", "-id")
    )
