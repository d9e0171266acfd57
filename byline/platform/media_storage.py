"""Uploaded media in an S3-compatible bucket (BYLINE_MEDIA_S3_BUCKET), through django-storages.

Imported only when the bucket is set, so a Byline on local disk never loads boto3.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class S3MediaStorage(S3Storage):
    """Files in a bucket whose addresses stay /media/… on Byline's own host.

    Pages then load their images from the platform's host (no asset from another host), the
    bucket stays private, and the addresses written into posts never expire; /media/ is
    answered from the bucket (byline/platform/uploads.py), and a CDN or nginx may cache it.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)
