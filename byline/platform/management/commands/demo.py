from django.core.management import call_command
from django.core.management.base import BaseCommand

from byline.platform import demo
from byline.platform.serving import address


class Command(BaseCommand):
    help = (
        "Try Byline: migrate the database, fill it with a demo platform when it is empty, "
        "and serve it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default="127.0.0.1",
            help="Address to listen on. Defaults to 127.0.0.1, which means only connections "
            "from the local machine will be allowed.",
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to listen on. Defaults to 8000."
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Prepare the database and the demo content, then stop instead of serving.",
        )

    def handle(self, *args, host, port, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if demo.is_empty():
            self.stdout.write("Creating the demo platform…")
            demo.seed()
        else:
            self.stdout.write("The database has content already; leaving it as it is.")
        base_url = address(host, port)
        self.stdout.write(demo.sign_in_help(base_url))
        if no_serve:
            command = "byline serve"
            command += f" --host {host}" if host != "127.0.0.1" else ""
            command += f" --port {port}" if port != 8000 else ""
            self.stdout.write(f"\nRun `{command}` to serve it at {base_url}/.")
        else:
            self.stdout.write("")
            call_command("serve", host=host, port=port)
