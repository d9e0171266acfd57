"""Index one person's comments on a post, so the duplicate check is a lookup (issue #8).

CommentQuerySet.duplicates_of compares LOWER(author_email), which this index holds; the
check used to walk every comment of the post, so a busy post's comments cost more and more.
"""

from django.db import migrations, models
from django.db.models.functions import Lower


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_stored_html_rules"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                models.F("post"), Lower("author_email"), name="comments_post_lower_email"
            ),  # fmt: skip
        ),
    ]
