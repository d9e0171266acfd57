"""Copy a file from another site into a blog's media, carefully.

Used by the WordPress import with --fetch-media. From the dashboard, the address comes
from an uploaded file that anyone with an import right could have written, so addresses
on this server's own networks (loopback, private ranges) are refused there: otherwise an
import could make the server read its own internal services.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.request
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import get_valid_filename

MAX_BYTES = 64 * 1024 * 1024
TIMEOUT = 20


class Refused(OSError):
    """The address may not be fetched; the message says why."""


def check_public(url: str) -> None:
    """Raise Refused unless every address the URL's host resolves to is a public one."""
    host = urlparse(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror as error:
        raise Refused(f"{host} cannot be found") from error
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise Refused(f"{host} is on a private network ({ip})")


def fetch(blog, url: str, when=None, *, public_only: bool = True) -> str:
    """Download url into the blog's media folder (by the month `when`) and return its name."""
    if urlparse(url).scheme not in ("http", "https"):
        raise Refused(f"only http and https addresses are fetched, not {url[:80]}")
    if public_only:
        check_public(url)
    # No proxies from the environment: the address is fetched directly, or not at all.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"User-Agent": "Byline media import"})  # noqa: S310
    with opener.open(request, timeout=TIMEOUT) as response:  # noqa: S310 - scheme checked above
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Refused(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    name = get_valid_filename(PurePosixPath(unquote(urlparse(url).path)).name) or "file"
    when = when or timezone.now()
    return default_storage.save(f"{blog.slug}/{when:%Y/%m}/{name}", ContentFile(data))


def fetch_any(blog, url: str, when=None) -> str:
    """Fetch from any address, this server's own networks too (the command line's choice)."""
    return fetch(blog, url, when, public_only=False)
