from django.core.management.base import BaseCommand, CommandError

from byline.blogs.models import Blog
from byline.porting import exporter
from byline.porting.management.commands._output import output as output_to


class Command(BaseCommand):
    help = (
        "Export a blog as a WordPress eXtended RSS 1.2 file, which WordPress's importer "
        "(Tools → Import → WordPress) and `byline import wordpress` both read."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--blog", required=True, metavar="SLUG", help="The blog to export, by its slug."
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="Where to write the export. Defaults to standard output.",
        )
        parser.add_argument(
            "--base-url",
            metavar="URL",
            help="The blog's public address, for the links in the file, such as "
            "https://blog.example.com. Defaults to https://<blog>.<BYLINE_ROOT_DOMAIN> when "
            "that is set, else http://127.0.0.1:8000/<blog>.",
        )

    def handle(self, *args, blog, output: str | None, base_url, **options):
        found = Blog.objects.select_related("owner").filter(slug=blog).first()
        if found is None:
            raise CommandError(f"There is no blog “{blog}”.")
        with output_to(output, self.stdout._out) as stream:
            counts = exporter.export(found, stream, base_url)
        if output and output != "-":
            parts = ", ".join(f"{n:,} {kind}" for kind, n in counts.items())
            self.stdout.write(f"Exported /{found.slug}/ to {output}: {parts or 'nothing'}.")
