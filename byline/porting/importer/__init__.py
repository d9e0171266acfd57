"""Import a WordPress export (WXR) into a blog: faithfully, quickly, and safely re-runnable.

How it stays safe:
- The whole file is checked first (wxr.survey), so broken XML, entities or a missing
  channel stop the import before anything is written.
- Items are written in batches, each in one transaction together with the Origin rows
  that record where its objects came from. A killed import leaves whole batches only;
  running it again skips what the Origin rows name and carries on, and a second run of a
  finished import changes nothing. A newer export updates what changed since (posts by
  their modified date, comments' approval state) and counts them as "updated".
- Every value is checked on the way in (fields.py); an item that cannot be imported is
  skipped with the reason in the summary, never half-written.

How it stays fast: rows are built in memory and written in bulk (posts, their categories
and tags, comments level by level of their threads, origins), with the derived fields
(rendered HTML, search text, paths) computed by Post.derive() and render_comment(); the
blog's cached pages are made stale once, at the end.

The modules, and the direction of their imports (each imports only those above it):

    meta_keys, summary, rows     constants, the Summary and Progress, bulk SQL
    authors, terms, menus,       one mixin each for a part of the file
    comments, attachments
    posts                        items in batches; calls the term and comment mixins
    run                          the Importer: the two passes, shared state, the end

Everything outside the package imports from here: `from byline.porting.importer import
Importer`.
"""

from byline.porting.importer.authors import parse_author_map
from byline.porting.importer.meta_keys import (
    LOCATION_META,
    MARKDOWN_META,
    THUMBNAIL_META,
    TRASH_STATUS_META,
)
from byline.porting.importer.rows import ORIGIN_COLUMNS, insert_rows
from byline.porting.importer.run import SKIPPED_TYPES, Importer
from byline.porting.importer.summary import ORDER, Progress, Summary, elapsed

__all__ = [
    "LOCATION_META",
    "MARKDOWN_META",
    "ORDER",
    "ORIGIN_COLUMNS",
    "SKIPPED_TYPES",
    "THUMBNAIL_META",
    "TRASH_STATUS_META",
    "Importer",
    "Progress",
    "Summary",
    "elapsed",
    "insert_rows",
    "parse_author_map",
]
