from django.core.management import call_command
from django.core.management.base import BaseCommand

from byline.platform import periodic


class Command(BaseCommand):
    help = (
        "Run background work: emails, scheduled jobs and imports queued by the app servers. "
        "Run one or more, on any machine that reaches the database; each task runs once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Work off everything queued now, then stop, instead of waiting for more.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait before looking again when the queue is empty. Defaults to 1.",
        )
        parser.add_argument(
            "--clock",
            type=float,
            default=30.0,
            metavar="SECONDS",
            help="Seconds between two runs of the periodic jobs, such as publishing the "
            "scheduled posts whose time has come. Defaults to 30.",
        )

    def handle(self, *args, batch, interval, clock, **options):
        report = self.stdout.write
        extra = ["--batch"] if batch else []
        ticking = None
        if batch:
            periodic.run_jobs(report)  # first, so the tasks it queues run in this batch too
        else:
            ticking = periodic.Clock(clock, report)
            ticking.start()
        try:
            call_command(
                "db_worker", "--queue-name", "*", "--interval", str(interval),
                "--no-startup-delay", "--no-reload", *extra, verbosity=options["verbosity"],
            )  # fmt: skip
        finally:
            if ticking:
                ticking.stop()
