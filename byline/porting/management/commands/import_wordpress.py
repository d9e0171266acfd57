from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from byline.blogs.models import Blog, Membership
from byline.porting import jobs
from byline.porting.importer import Progress, elapsed, parse_author_map
from byline.porting.models import ImportJob
from byline.porting.wxr import WXRError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (a WXR file from Tools → Export) into a blog: authors, "
        "categories, tags, posts, pages, comments, menus and media. Running it again "
        "changes nothing; run with a newer export of the same site, it brings over the posts "
        "changed since (by their modified date) and the comments' new approval states. An "
        "import that was stopped carries on where it stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="The WordPress export file (.xml).")
        parser.add_argument(
            "--blog", required=True, metavar="SLUG", help="The blog to import into, by its slug."
        )
        parser.add_argument(
            "--create",
            action="store_true",
            help="Create the blog first if it does not exist, with the export's title and tagline.",
        )
        parser.add_argument(
            "--owner",
            metavar="USERNAME",
            help="Who owns a blog made with --create. Defaults to the first platform "
            "administrator.",
        )
        parser.add_argument(
            "--author-map",
            default="",
            metavar="OLD=NEW,...",
            help="Give the posts of WordPress login OLD to the Byline user NEW. Authors not "
            "named here become new accounts, which nobody can sign in to until they reset "
            "the password.",
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help="Copy each attachment's file into the blog's media, and make the imported "
            "posts show the copies. Without it, media entries and posts keep pointing at the "
            "files on the old site.",
        )

    def handle(self, *args, file, blog, create, owner, author_map, fetch_media, **options):
        path = Path(file).resolve()
        if not path.is_file():
            raise CommandError(f"There is no file at {file}.")
        try:
            mapping = parse_author_map(author_map)
        except ValueError as error:
            raise CommandError(
                f"--author-map: {error}; write it as old=new,other=someone."
            ) from None
        self._check_users(mapping)
        job = ImportJob(file_path=str(path), file_name=path.name,
                        options={"author_map": mapping, "fetch_media": fetch_media,
                                 "public_media_only": False})  # fmt: skip
        job.blog = Blog(slug=blog)
        importer = jobs.importer_for(job, progress=self._progress)
        try:
            survey = importer.check(path)
        except WXRError as error:
            raise CommandError(f"{file}: {error}") from None
        self.stderr.write(f"{path.name}: {survey.items:,} items and {survey.comments:,} comments.")
        job.blog = self._blog(blog, create, owner, importer)
        job.save()
        try:
            summary = jobs.run(job, importer)
        except WXRError as error:
            raise CommandError(f"{file}: {error}") from None
        except (DatabaseError, OSError, KeyboardInterrupt):
            raise CommandError(job.message) from None
        self._end_progress()
        took = (job.finished_at - job.started_at).total_seconds()
        self.stdout.write(f"Imported {path.name} into /{job.blog.slug}/ in {elapsed(took)}.")
        for line in summary.lines():
            self.stdout.write(line)

    def _check_users(self, mapping: dict[str, str]) -> None:
        User = get_user_model()
        known = set(
            User.objects.filter(username__in=mapping.values()).values_list("username", flat=True)
        )
        missing = sorted(set(mapping.values()) - known)
        if missing:
            raise CommandError(f"--author-map names users that do not exist: {', '.join(missing)}.")

    def _blog(self, slug: str, create: bool, owner: str | None, importer) -> Blog:
        found = Blog.objects.filter(slug=slug).first()
        if found:
            return found
        if not create:
            raise CommandError(
                f"There is no blog “{slug}”. Add --create to make it from the export."
            )
        User = get_user_model()
        if owner:
            person = User.objects.filter(username=owner).first()
            if person is None:
                raise CommandError(f"--owner: there is no user “{owner}”.")
        else:
            person = User.objects.filter(is_superuser=True).order_by("pk").first()
            if person is None:
                raise CommandError(
                    "--create needs --owner USERNAME (there is no platform administrator yet)."
                )
        site = _first_site(importer)
        blog = Blog(slug=slug, owner=person, title=(site.title or slug)[:200],
                    tagline=site.description[:300])  # fmt: skip
        language = (site.language or "en").split("-")[0].lower()
        if language in dict(Blog._meta.get_field("language").choices):
            blog.language = language
        try:
            blog.full_clean()
        except ValidationError as error:
            raise CommandError(
                f"Cannot create the blog “{slug}”: {'; '.join(error.messages)}"
            ) from None
        with transaction.atomic():
            blog.save()
            Membership.objects.create(blog=blog, user=person, role=Membership.Role.ADMINISTRATOR)
        self.stderr.write(
            f"Created the blog “{blog.title}” at /{slug}/, owned by {person.username}."
        )
        return blog

    def _progress(self, state: Progress) -> None:
        percent = state.done * 100 // state.total if state.total else 100
        left = (state.total - state.done) / state.rate if state.rate else 0
        line = (
            f"{state.done:,} of {state.total:,} items ({percent}%) · {state.comments:,} comments"
            f" · {state.rate:,.0f} items/s · {elapsed(left)} left"
        )
        if self.stderr.isatty():
            self.stderr.write(f"\r{line}\033[K", ending="")
            self._line_open = True
        elif percent // 10 != getattr(self, "_decile", -1):
            self._decile = percent // 10
            self.stderr.write(line)

    def _end_progress(self) -> None:
        if getattr(self, "_line_open", False):
            self.stderr.write("")


def _first_site(importer):
    from byline.porting import wxr

    for record in wxr.read(importer.job.file_path):
        return record
    return wxr.Site()
