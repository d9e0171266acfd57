"""The theme fits a phone's screen and keeps its footer down; screenshots are kept for a look.

Each page's phone-sized screenshot lands in pytest's temporary folder (`pytest -s` prints
the paths): look at them after changing the theme.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1280, "height": 900}
PAGES = ["platform home", "blog home", "post", "page", "category archive", "blog 404"]


@pytest.mark.parametrize("kind", PAGES)
def test_page_fits_a_phone_without_sideways_scrolling(kind, page, demo_pages, tmp_path):
    page.set_viewport_size(PHONE)
    page.goto(demo_pages[kind])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot = tmp_path / f"{kind.replace(' ', '-')}-375.png"
    page.screenshot(path=shot, full_page=True)
    print(f"screenshot of the {kind}: {shot}")  # noqa: T201 - shown with -s


def test_search_box_and_button_share_a_line_on_a_phone(page, demo_pages):
    page.set_viewport_size(PHONE)
    page.goto(demo_pages["blog home"])
    box = page.get_by_role("searchbox", name="Search this blog").bounding_box()
    button = page.get_by_role("button", name="Search").bounding_box()
    assert abs(box["y"] - button["y"]) < 4
    assert button["x"] + button["width"] <= PHONE["width"]


def test_footer_stays_at_the_bottom_of_a_short_page(page, demo_pages):
    page.goto(demo_pages["blog 404"])
    footer = page.locator("footer.blog-footer").bounding_box()
    assert footer["y"] + footer["height"] == pytest.approx(LAPTOP["height"], abs=1)
