"""Cached pages go out compressed with brotli or gzip, as the reader's browser accepts."""

from __future__ import annotations

import gzip

import brotli
import pytest
from django.test import Client

from tests.factories import PostFactory


@pytest.mark.parametrize("accept, encoding, decode", [
    ("gzip, deflate, br", "br", brotli.decompress),
    ("gzip, deflate", "gzip", gzip.decompress),
    ("br;q=0, gzip", "gzip", gzip.decompress),
])  # fmt: skip
def test_page_is_compressed_as_the_reader_accepts(demo_blog, accept, encoding, decode):
    post = PostFactory(blog=demo_blog)
    plain = Client().get(post.get_absolute_url())
    for _ in range(2):  # drawn, then from the cache
        packed = Client().get(post.get_absolute_url(), headers={"Accept-Encoding": accept})
        assert packed["Content-Encoding"] == encoding
        assert "Accept-Encoding" in packed["Vary"]
        assert decode(packed.content) == plain.content
        assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)


def test_reader_who_accepts_no_compression_gets_plain_html(demo_blog):
    post = PostFactory(blog=demo_blog)
    response = Client().get(post.get_absolute_url())
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"<!DOCTYPE html>")
