"""The storage `collectstatic` writes with: WhiteNoise's hashed names, compressed with gzip."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage without its brotli copies.

    `byline serve` collects the static files at every start. With the brotli package
    installed (the page cache uses it), WhiteNoise would compress every file at brotli's
    slowest quality each time: seconds of start-up for a few percent below gzip.
    """

    def create_compressor(self, **kwargs):
        return super().create_compressor(**{**kwargs, "use_brotli": False})
