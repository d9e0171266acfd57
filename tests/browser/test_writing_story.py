"""The writer's whole story, in Chromium, with the test holding the server's clock.

Alice uploads a photo, writes a post around it, schedules it two minutes ahead in her
blog's time zone (Europe/Paris), and the clock moves: the worker publishes it, a reader
finds it with its responsive image, Alice edits it, then restores its first revision.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import zoneinfo
from contextlib import ExitStack
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.clock import run_byline, serve_command
from tests.browser.writing_server import sign_in
from tests.servers import (
    RunningServer,
    _wait_until_answering,
    fresh_postgres_database,
    seed_demo,
    server_env,
)
from tests.support import free_port

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent.parent
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


class ClockServer(RunningServer):
    clock: Path

    def move_clock(self, seconds: float) -> None:
        self.clock.write_text(str(seconds))

    def byline_now(self, *args: str) -> str:
        """Run a byline command at the server's time."""
        return run_byline(self.env, self.data_dir, *args)


@pytest.fixture(scope="module")
def story_server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("story-server")
    clock = data_dir / "clock"
    with ExitStack() as stack:
        url = None
        if os.environ.get("DATABASE_URL"):
            url = stack.enter_context(fresh_postgres_database(os.environ["DATABASE_URL"]))
        env = server_env(data_dir, url, {"TEST_CLOCK_FILE": str(clock), "PYTHONPATH": str(REPO)})
        server = ClockServer("", env, data_dir, data_dir / "server.log")
        server.clock = clock
        seed_demo(server)  # at real time: the clock file is written later
        server.byline("collectstatic", "--no-input", "--verbosity", "0")
        port = free_port()
        with server.log.open("w") as log:
            process = subprocess.Popen(  # noqa: S603
                serve_command(port), cwd=data_dir, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        server.base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_answering(f"{server.base}/", process, server.log)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=15)


@pytest.fixture
def tabs(browser):
    contexts = []

    def new_tab():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        return tab

    yield new_tab
    for context in contexts:
        context.close()


def test_alice_schedules_a_post_with_a_photo_it_publishes_she_edits_and_restores_it(
    story_server, tabs, tmp_path
):
    server = story_server
    photo = tmp_path / "pier.jpg"
    Image.new("RGB", (1600, 1000), (40, 80, 120)).save(photo, quality=80)
    alice = tabs()
    sign_in(alice, server, then="/dashboard/demo/media/")

    # The photo, with its description for readers who cannot see it.
    alice.set_input_files("#id_file", str(photo))
    alice.fill("#id_alt_text", "The pier at dawn")
    alice.click("#upload-form button[type=submit]")
    assert "uploaded" in alice.inner_text(".messages")
    server.byline_now("worker", "--batch")  # makes the smaller copies

    # The post, with the photo inserted from the editor, scheduled two minutes ahead.
    alice.goto(f"{server.base}/dashboard/demo/posts/new/")
    alice.fill("#id_title", "Dawn on the pier")
    alice.fill("#id_body_markdown", "The first light on the water.")
    alice.click(".editor-media button")
    body = alice.input_value("#id_body_markdown")
    assert re.search(r"!\[The pier at dawn\]\(/media/demo/\d{4}/\d{2}/pier\.jpg\)", body)
    alice.locator("#preview-content img[alt='The pier at dawn']").wait_for()
    when = datetime.datetime.now(PARIS) + datetime.timedelta(minutes=2)
    alice.select_option("#id_status", "scheduled")
    alice.fill("#id_published_at", when.strftime("%Y-%m-%dT%H:%M"))
    alice.click("button.save-button")
    alice.wait_for_url(re.compile(r".*/dashboard/demo/posts/[0-9]+/$"))
    expected = f"Post scheduled for {when:%Y-%m-%d %H:%M} (Europe/Paris)."
    assert expected in alice.inner_text(".messages")
    address = server.shell(
        "from byline.posts.models import Post\n"
        "print(Post.objects.get(title='Dawn on the pier').get_absolute_url())"
    ).strip()

    reader = tabs()
    assert reader.goto(server.base + address).status == 404  # not yet

    # Three minutes later: the worker publishes it, and readers find it.
    server.move_clock(180)
    out = server.byline_now("worker", "--batch")
    assert "publish scheduled posts: Dawn on the pier" in out
    assert reader.goto(server.base + address).status == 200
    image = reader.locator(".entry-content img")
    assert image.get_attribute("alt") == "The pier at dawn"
    assert "640w" in image.get_attribute("srcset")
    alice.goto(f"{server.base}/dashboard/demo/posts/?status=published")
    assert alice.locator("tr.post-row", has_text="Dawn on the pier").count() == 1

    # Alice rewrites it, then thinks better of it and restores the first revision.
    alice.get_by_role("link", name="Edit “Dawn on the pier”").click()
    alice.fill("#id_body_markdown", "A rewrite she will regret.")
    alice.click("button.save-button")
    assert "Post published." in alice.inner_text(".messages")
    assert "A rewrite she will regret." in reader.goto(server.base + address).text()
    alice.get_by_role("link", name=re.compile(r"Revisions \(\d+\)")).click()
    alice.locator(".revision-list li a").last.click()
    alice.click("text=Restore this revision")
    assert "Revision restored" in alice.inner_text(".messages")
    assert alice.input_value("#id_body_markdown").startswith("The first light on the water.")
    reader.goto(server.base + address)
    assert "The first light on the water." in reader.inner_text(".entry-content")
