import fcntl
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor

from byline.platform.serving import address, serve


class Command(BaseCommand):
    help = "Serve Byline with a production server (granian), static files included."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default="127.0.0.1",
            help="Address to listen on. Defaults to 127.0.0.1, which means only connections "
            "from the local machine will be allowed; use 0.0.0.0 to accept connections from "
            "other machines.",
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to listen on. Defaults to 8000."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="Worker processes. Defaults to 2; about two per CPU core suits most machines.",
        )
        parser.add_argument(
            "--threads",
            type=int,
            # Two beat four on this benchmark's writes and hits (bench/README.md): fewer threads
            # contend less for the GIL, and the database's writers queue on their own lock.
            default=2,
            help="Threads per worker process, each serving one request at a time. Defaults to 2.",
        )

    def handle(self, *args, host, port, workers, threads, **options):
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(
                "The database is not up to date: run `byline migrate` first "
                "(or `byline demo` to try Byline with demo content)."
            )
        # Never share a connection with the forked workers, nor a pool (BYLINE_DB_POOL):
        # its threads would not be in the workers, and its sockets would be shared.
        for open_connection in connections.all(initialized_only=True):
            open_connection.close()
            if open_connection.settings_dict["OPTIONS"].get("pool"):
                open_connection.close_pool()
        collect_static_files()
        self.stdout.write(f"Byline is serving at {address(host, port)}/ (Ctrl+C to stop)")
        self.stdout.flush()
        serve(host, port, workers, threads)


def collect_static_files() -> None:
    """Run collectstatic under a file lock: two servers started on one data directory would
    otherwise write and delete the same files at once, and one could start on a half-written set."""
    lock_path = Path(settings.STATIC_ROOT) / ".collectstatic.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            call_command("collectstatic", interactive=False, verbosity=0)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
