from django.core.management.base import BaseCommand, CommandError

from byline.blogs.models import Blog
from byline.porting import archive
from byline.porting.management.commands._output import output as output_to


class Command(BaseCommand):
    help = (
        "Export a blog as one JSON file: posts, pages, comments, categories, tags, media, "
        "menus, followers and likes, as docs/json-archive.md describes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--blog", required=True, metavar="SLUG", help="The blog to export, by its slug."
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="Where to write the archive. Defaults to standard output.",
        )

    def handle(self, *args, blog, output: str | None, **options):
        found = Blog.objects.select_related("owner").filter(slug=blog).first()
        if found is None:
            raise CommandError(f"There is no blog “{blog}”.")
        with output_to(output, self.stdout._out) as stream:
            counts = archive.write(found, stream)
        if output and output != "-":
            parts = ", ".join(f"{n:,} {name}" for name, n in counts.items() if n)
            self.stdout.write(f"Exported /{found.slug}/ to {output}: {parts or 'nothing'}.")
