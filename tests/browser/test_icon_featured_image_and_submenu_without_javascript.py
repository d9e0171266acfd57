"""With JavaScript off, Alice gives her blog an icon, features an image on a new post and
places a link under another in the header menu; a reader then finds the submenu with the
keyboard alone (and listed in place on a phone), the icon in the tab, the image on the post.
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from tests.browser.writing_server import (  # noqa: F401 - the fixtures
    sign_in,
    tab_fixture,
    writing_server_fixture,
)

pytestmark = pytest.mark.browser


def png(size=(640, 400), color=(20, 110, 160)) -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return {"name": "lighthouse.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


@pytest.fixture
def no_script_tab(browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def submenu_width(tab) -> float:
    return tab.locator(".blog-menu .sub-menu").first.bounding_box()["width"]


def test_alice_sets_it_all_up_without_javascript_and_a_reader_finds_it(
    no_script_tab, browser, writing_server
):
    server, tab = writing_server, no_script_tab
    sign_in(tab, server)

    tab.goto(f"{server.base}/dashboard/demo/media/")
    tab.set_input_files("#id_file", png())
    tab.fill("#id_alt_text", "A white lighthouse on the cliff")
    tab.click("#upload-form button[type=submit]")
    assert "uploaded" in tab.inner_text(".messages")

    tab.goto(f"{server.base}/dashboard/demo/posts/new/")
    tab.fill("#id_title", "The lighthouse")
    tab.fill("#id_body_markdown", "It still turns at night.")
    tab.select_option("#id_featured_image", label="lighthouse (640 × 400)")
    tab.select_option("#id_status", "published")
    tab.click("button.save-button")
    tab.wait_for_url(re.compile(r".*/dashboard/demo/posts/[0-9]+/$"))
    assert tab.locator(".featured-preview img").get_attribute("alt") == (
        "A white lighthouse on the cliff"
    )

    tab.goto(f"{server.base}/dashboard/demo/settings/")
    tab.set_input_files("#id_blog-icon_upload", {**png((128, 128)), "name": "mark.png"})
    tab.click("#settings button[type=submit]")
    assert "Settings saved." in tab.inner_text(".messages")

    tab.goto(f"{server.base}/dashboard/demo/menus/")
    tab.select_option("#id_page", label="About")
    tab.click("#menu-item-form button[type=submit]")
    tab.fill("#id_url", "https://maps.example/")
    tab.fill("#id_label", "Maps")
    tab.select_option("#id_parent", label="Under “About”")
    tab.click("#menu-item-form button[type=submit]")
    assert "Added under “About”." in tab.inner_text(".messages")

    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(f"{server.base}/demo/")
    icon = reader.locator("head link[rel=icon]").get_attribute("href")
    assert icon.endswith("/mark.png")
    assert reader.locator(".site-title img.site-icon").get_attribute("src") == icon
    assert reader.request.get(server.base + icon).status == 200

    # Hidden from sight, not from screen readers, until the keyboard reaches "About".
    assert submenu_width(reader) <= 1
    maps = reader.locator(".blog-menu .sub-menu a", has_text="Maps")
    assert maps.count() == 1
    reader.locator(".blog-menu > ul > li > a", has_text="About").focus()
    assert submenu_width(reader) > 50
    reader.keyboard.press("Tab")
    assert reader.evaluate("document.activeElement.textContent") == "Maps"
    assert submenu_width(reader) > 50

    reader.get_by_role("link", name="The lighthouse").first.click()
    image = reader.locator("article figure.featured-image img")
    assert image.get_attribute("alt") == "A white lighthouse on the cliff"
    loaded_width = "(img) => img.complete && img.naturalWidth"
    assert reader.evaluate(loaded_width, image.element_handle()) == 640
    shared = reader.locator("meta[property='og:image']").get_attribute("content")
    assert shared.endswith("/lighthouse.png")

    reader.set_viewport_size({"width": 375, "height": 800})
    reader.goto(f"{server.base}/demo/")
    assert submenu_width(reader) > 50  # a phone has no hover: the submenu is listed in place
    reader.context.close()
