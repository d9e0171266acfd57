"""Serve uploaded media (the media library's images) from MEDIA_ROOT, or from the S3 bucket."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

MEDIA_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
RASTER_IMAGES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif")


@require_safe
def serve_upload(request, path: str):
    """Answer with one uploaded file; Django's serve() refuses paths outside the folder.

    Only images the library checked by their content are ever there, and nosniff is set for
    every answer (settings.SECURE_CONTENT_TYPE_NOSNIFF). For heavy traffic, let the web
    server in front serve /media/ from the same folder instead (or cache it, docs/deploy.md).
    """
    if isinstance(default_storage, FileSystemStorage):
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    else:
        response = _from_storage(path)
    response["Cache-Control"] = "public, max-age=86400"
    # Not every file here went through the library's check (a WordPress import fetches
    # what its posts linked to): whatever a file is, opened on its own it runs nothing
    # (a sandbox, no script), and anything but a raster image downloads (issue #10).
    response["Content-Security-Policy"] = MEDIA_POLICY
    if not response.get("Content-Type", "").startswith(RASTER_IMAGES):
        response["Content-Disposition"] = "attachment"
    return response


def _from_storage(path: str) -> FileResponse:
    # The store refuses names outside its bucket (SuspiciousOperation, a 400) itself.
    try:
        stored = default_storage.open(path, "rb")
        stored.size  # noqa: B018 - asks the store now, so a missing file is a 404, not a 500
    except (FileNotFoundError, OSError):
        raise Http404("No such file.") from None
    except Exception as error:
        if _is_missing(error):
            raise Http404("No such file.") from None
        raise
    return FileResponse(stored, filename=path.rsplit("/", 1)[-1])


def _is_missing(error: Exception) -> bool:
    response = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Code", "")) in ("404", "NoSuchKey", "NotFound")
