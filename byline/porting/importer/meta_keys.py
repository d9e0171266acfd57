"""The postmeta and termmeta keys Byline's own export writes, for what WordPress has no field for.

exporter.py writes them and the importer reads them back, so a Byline-to-Byline move
keeps Markdown bodies, the header menu's place and what a trashed comment was before.
"""

MARKDOWN_META = "_byline_markdown"
LOCATION_META = "_byline_location"
TRASH_STATUS_META = "_wp_trash_meta_status"
# WordPress's own: the attachment ID of a post's featured image ("post thumbnail").
THUMBNAIL_META = "_thumbnail_id"
