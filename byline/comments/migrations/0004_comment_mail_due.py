"""Mark the comments whose emails wait for a task, so a burst of comments shares one (issue #8).

Every comment stored before this waits for nothing: its task, if any, was queued already.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_duplicate_check_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="mail_due",
            field=models.CharField(blank=True, default="", editable=False, max_length=10),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                fields=["mail_due"], condition=~models.Q(mail_due=""), name="comments_mail_due"
            ),
        ),
    ]
