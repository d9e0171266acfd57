"""Run an import as an ImportJob, from the command line or from `byline worker`.

The job row is what the dashboard's progress page reads: the importer updates its counts
as it goes, and this module records how it ended, with a message that says what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django_tasks import task

from byline.media import fetching
from byline.porting.importer import Importer, Progress, Summary
from byline.porting.models import ImportJob
from byline.porting.wxr import WXRError

# Uploads from the dashboard wait here until their import has finished.
UPLOADS = "imports"


def uploads_dir() -> Path:
    folder = Path(settings.DATA_DIR) / UPLOADS
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def importer_for(job: ImportJob, progress: Callable[[Progress], None] | None = None) -> Importer:
    """Return the importer a job's options describe."""
    options = job.options or {}
    fetch = None
    if options.get("fetch_media"):
        # From the dashboard, only public addresses: the uploaded file chose them.
        public_only = options.get("public_media_only", True)
        fetch = fetching.fetch if public_only else fetching.fetch_any
    return Importer(
        job.blog,
        author_map=options.get("author_map") or {},
        fetch_media=fetch,
        progress=progress,
        job=job,
    )


def run(job: ImportJob, importer: Importer | None = None) -> Summary:
    """Run the job's import to its end; on failure, record why and raise again."""
    importer = importer or importer_for(job)
    importer.job, importer.blog = job, job.blog
    try:
        summary = importer.run(job.file_path)
    except WXRError as error:
        _stop(job, str(error))
        raise
    except (DatabaseError, OSError, KeyboardInterrupt) as error:
        why = str(error) or "interrupted"
        _stop(
            job,
            f"The import stopped after {job.done:,} of {job.total:,} items: {why}. "
            "Everything imported before that is complete; run the same import again "
            "and it carries on from there.",
        )
        raise
    job.status = ImportJob.Status.DONE
    job.finished_at = job.updated_at = timezone.now()
    job.counts, job.notes = summary.as_dict(), summary.notes
    job.message = ""
    job.save()
    return summary


def _stop(job: ImportJob, message: str) -> None:
    job.status = ImportJob.Status.FAILED
    job.message = message
    job.finished_at = job.updated_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at", "updated_at"])


@task()
def run_queued(job_id: int) -> str:
    """Run an import the dashboard queued; the uploaded file is removed once it is done."""
    job = ImportJob.objects.select_related("blog").filter(pk=job_id).first()
    if job is None or job.status == ImportJob.Status.DONE:
        return "nothing to do"
    try:
        run(job)
    except (WXRError, DatabaseError, OSError):
        return job.status
    upload = Path(job.file_path)
    if upload.parent == uploads_dir():
        upload.unlink(missing_ok=True)
    return job.status
