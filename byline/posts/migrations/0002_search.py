"""Full-text search, kept current by the database itself on both engines.

SQLite: an external-content FTS5 table with triggers on posts_post.
PostgreSQL: a stored generated tsvector column with a GIN index.
"""

from django.db import migrations

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS posts_post_fts_update",
    "DROP TRIGGER IF EXISTS posts_post_fts_delete",
    "DROP TRIGGER IF EXISTS posts_post_fts_insert",
    "DROP TABLE IF EXISTS posts_post_fts",
]
POSTGRES_UP = [
    """ALTER TABLE posts_post ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(search_text, '')), 'B')
    ) STORED""",
    "CREATE INDEX posts_post_search_vector ON posts_post USING GIN (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS posts_post_search_vector",
    "ALTER TABLE posts_post DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def create_search(apps, schema_editor):
    from byline.posts.search_sqlite import ensure_schema

    ensure_schema(schema_editor.connection)
    _run({"postgresql": POSTGRES_UP})(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("posts", "0001_initial")]

    operations = [
        migrations.RunPython(
            create_search,
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
