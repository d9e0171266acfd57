"""Serve uploaded media (the media library's images) from MEDIA_ROOT."""

from __future__ import annotations

from django.conf import settings
from django.views.decorators.http import require_safe
from django.views.static import serve


@require_safe
def serve_upload(request, path: str):
    """Answer with one uploaded file; Django's serve() refuses paths outside the folder.

    Only images the library checked by their content are ever there, and nosniff is set for
    every answer (settings.SECURE_CONTENT_TYPE_NOSNIFF). For heavy traffic, let the web
    server in front serve /media/ from the same folder instead.
    """
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    return response
