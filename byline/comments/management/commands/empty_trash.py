from django.core.management.base import BaseCommand

from byline.comments.housekeeping import empty_trash
from byline.comments.models import TRASH_DAYS, Comment


class Command(BaseCommand):
    help = (
        f"Delete for good the comments that have been in the Trash for more than {TRASH_DAYS} "
        "days. Run it once a day, from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say how many comments would be deleted, and delete nothing.",
        )

    def handle(self, *args, dry_run, **options):
        if dry_run:
            count = Comment.objects.expired_trash().count()
            self.stdout.write(f"{count} comment{'' if count == 1 else 's'} would be deleted.")
            return
        count = empty_trash()
        self.stdout.write(
            f"Deleted {count} comment{'' if count == 1 else 's'} trashed more than "
            f"{TRASH_DAYS} days ago."
        )
