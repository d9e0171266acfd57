"""Store the rules each comment's HTML was made under, and render every comment under today's.

From now on a page shows a comment's stored HTML as it is when it was made under today's
rules (byline.comments.rendering.RULES), instead of running nh3 over every comment of every
page it draws. The existing comments are rendered here once, from what their writers typed.
"""

from django.db import migrations, models

BATCH = 1000


def render_existing(apps, schema_editor):
    # Today's code, not a frozen copy: the point is HTML made under the current rules. A
    # later change of the rules is caught by the RULES fingerprint (byline worker re-renders).
    from byline.comments import rendering

    Comment = apps.get_model("comments", "Comment")
    rows = Comment.objects.using(schema_editor.connection.alias).order_by("pk")
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last).only("pk", "content")[:BATCH])
        if not batch:
            return
        for comment in batch:
            comment.content_html = rendering.render_comment(comment.content)
            comment.content_html_rules = rendering.RULES
        rows.bulk_update(batch, ["content_html", "content_html_rules"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="content_html_rules",
            field=models.CharField(blank=True, default="", editable=False, max_length=16),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                fields=["content_html_rules"], name="comments_co_content_df84b4_idx"
            ),
        ),
        migrations.RunPython(render_existing, migrations.RunPython.noop, elidable=True),
    ]
