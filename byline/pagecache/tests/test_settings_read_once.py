"""What every hit needs from the settings (the store, the proxy headers) and from the request
(its encoding) is worked out once and kept, and follows the settings when they change."""

from __future__ import annotations

import pytest

from byline.pagecache import rules
from byline.pagecache.store import FileStore, get_store


def test_the_store_follows_its_settings(settings, tmp_path):
    settings.PAGE_CACHE_LOCATION = str(tmp_path / "one")
    first = get_store()
    assert isinstance(first, FileStore) and str(first.root) == str(tmp_path / "one")
    assert get_store() is first
    settings.PAGE_CACHE_LOCATION = str(tmp_path / "two")
    assert str(get_store().root) == str(tmp_path / "two")
    settings.PAGE_CACHE_LOCATION = str(tmp_path / "one")
    assert get_store() is first  # one store per location, as before


def test_the_key_follows_the_proxy_settings(settings):
    meta = {"wsgi.url_scheme": "http", "HTTP_HOST": "inner:8000", "PATH_INFO": "/demo/",
            "HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_HOST": "blog.example"}  # fmt: skip
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.USE_X_FORWARDED_HOST = False
    assert rules.page_key(meta) == "http://inner:8000/demo/"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert rules.page_key(meta) == "https://inner:8000/demo/"
    settings.USE_X_FORWARDED_HOST = True
    assert rules.page_key(meta) == "https://blog.example/demo/"


@pytest.mark.parametrize(("accept", "chosen"), [
    ("", "identity"), ("gzip, deflate, br", "br"), ("gzip, deflate, br;q=0", "gzip"),
    ("br;q=0, gzip;q=0", "identity"), ("*", "br"), ("*, br;q=0", "gzip"),
    ("GZIP;q=0.5", "gzip"), ("br;q=oops, gzip", "gzip"), ("identity", "identity"),
])  # fmt: skip
def test_a_kept_encoding_is_the_one_worked_out(accept, chosen):
    rules.choose_encoding.answers.clear()
    assert rules.choose_encoding(accept) == chosen
    assert rules.choose_encoding(accept) == chosen  # the kept answer
    assert rules.choose_encoding.__wrapped__(accept) == chosen


def test_kept_encodings_are_bounded():
    for n in range(1000):
        rules.choose_encoding(f"gzip, x-{n}")
    assert 0 < len(rules.choose_encoding.answers) <= rules.choose_encoding.kept
    long = "gzip, " + "x" * 500
    assert rules.choose_encoding(long) == "gzip" and long not in rules.choose_encoding.answers
