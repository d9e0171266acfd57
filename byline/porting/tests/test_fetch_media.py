"""With --fetch-media, attachments' files are copied into the blog; else they stay put."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from byline.media import fetching
from byline.media.models import MediaItem
from byline.porting.importer import Importer
from byline.porting.tests.wxr_files import document, post, write
from byline.porting.wxr import Item
from byline.posts.models import Post
from tests.support import free_port

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def old_site(tmp_path):
    """Serve a folder on loopback, as the old WordPress site served its uploads."""
    root = tmp_path / "site"
    (root / "uploads").mkdir(parents=True)
    (root / "uploads" / "boat.png").write_bytes(PNG)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def export_with_attachment(url: str) -> bytes:
    attachment = Item(
        title="Boat", wp_id="50", post_type="attachment", status="inherit", parent="1",
        attachment_url=url, guid=url, post_date_gmt="2015-01-27 14:56:57",
        meta={"_wp_attachment_image_alt": "A boat"},
    )  # fmt: skip
    return document(post(1), attachment)


def test_fetch_media_copies_the_files_into_the_blog(demo_blog, tmp_path, old_site, media_root):
    path = write(tmp_path, export_with_attachment(f"{old_site}/uploads/boat.png"))

    call_command("import_wordpress", str(path), "--blog", "demo", "--fetch-media")

    media = MediaItem.objects.get()
    assert media.file.name == "demo/" + media.uploaded_at.strftime("%Y/%m") + "/boat.png"
    assert (Path(media_root) / media.file.name).read_bytes() == PNG
    assert media.url == f"/media/{media.file.name}"
    assert media.original_url == f"{old_site}/uploads/boat.png"
    assert (media.alt_text, media.mime_type, media.post.slug) == ("A boat", "image/png", "post-1")


def test_without_fetch_media_the_file_stays_on_the_old_site(demo_blog, tmp_path, old_site):
    path = write(tmp_path, export_with_attachment(f"{old_site}/uploads/boat.png"))

    call_command("import_wordpress", str(path), "--blog", "demo")

    media = MediaItem.objects.get()
    assert not media.file
    assert media.url == f"{old_site}/uploads/boat.png"


def test_a_file_that_cannot_be_fetched_keeps_its_address_and_is_noted(
    demo_blog, tmp_path, old_site
):
    path = write(tmp_path, export_with_attachment(f"{old_site}/uploads/missing.png"))

    summary = Importer(demo_blog, fetch_media=fetching.fetch_any).run(path)

    media = MediaItem.objects.get()
    assert not media.file and media.url.endswith("/missing.png")
    assert any("the file was not copied" in note for note in summary.notes)


def test_imports_from_the_dashboard_never_fetch_from_this_servers_own_network(
    demo_blog, tmp_path, old_site
):
    path = write(tmp_path, export_with_attachment(f"{old_site}/uploads/boat.png"))

    summary = Importer(demo_blog, fetch_media=fetching.fetch).run(path)

    assert not MediaItem.objects.get().file
    assert any("private network (127.0.0.1)" in note for note in summary.notes)


def export_with_pictures(old_site: str) -> bytes:
    """A post showing an upload full size, resized (as WordPress names sizes) and captioned."""
    body = (
        f'<p><img src="{old_site}/uploads/boat.png" alt="Boat"></p>\n\n'
        f'[caption id="attachment_50" width="300"]<a href="{old_site}/uploads/boat.png">'
        f'<img src="{old_site.replace("http:", "https:")}/uploads/boat-300x200.png" '
        'alt="Small boat" width="300"></a> The boat, small[/caption]\n\n'
        '<p><img src="https://elsewhere.example/uploads/boat.png" alt="Not ours"></p>'
    )
    attachment = Item(
        title="Boat", wp_id="50", post_type="attachment", status="inherit", parent="1",
        attachment_url=f"{old_site}/uploads/boat.png", guid=f"{old_site}/uploads/boat.png",
        post_date_gmt="2015-01-27 14:56:57",
    )  # fmt: skip
    # The attachment comes after the post that shows it, as in WordPress's own exports.
    return document(post(1, content=body), attachment)


def shown_images(post_html: str) -> list[str]:
    page = BeautifulSoup(post_html, "html.parser")
    return [img["src"] for img in page.find_all("img")] + [a["href"] for a in page.find_all("a")]


def test_fetched_uploads_replace_the_old_addresses_in_the_posts_that_show_them(
    demo_blog, tmp_path, old_site
):
    path = write(tmp_path, export_with_pictures(old_site))

    call_command("import_wordpress", str(path), "--blog", "demo", "--fetch-media")

    local = MediaItem.objects.get().url
    assert local.startswith("/media/demo/")
    imported = Post.objects.get(blog=demo_blog, slug="post-1")
    assert shown_images(imported.body_html) == [
        local, local, "https://elsewhere.example/uploads/boat.png", local
    ]  # fmt: skip
    assert old_site not in imported.body_markdown
    assert "127.0.0.1" not in imported.body_html
    assert "The boat, small" in imported.body_html

    call_command("import_wordpress", str(path), "--blog", "demo", "--fetch-media")

    again = Post.objects.get(pk=imported.pk)
    assert (again.body_markdown, again.body_html) == (imported.body_markdown, imported.body_html)
    assert MediaItem.objects.count() == 1


def test_without_fetch_media_posts_keep_showing_the_old_addresses(demo_blog, tmp_path, old_site):
    path = write(tmp_path, export_with_pictures(old_site))

    call_command("import_wordpress", str(path), "--blog", "demo")

    imported = Post.objects.get(blog=demo_blog, slug="post-1")
    secure = old_site.replace("http:", "https:")
    assert shown_images(imported.body_html)[:2] == [
        f"{old_site}/uploads/boat.png", f"{secure}/uploads/boat-300x200.png"
    ]  # fmt: skip
