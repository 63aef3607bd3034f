"""Checks a person makes with a real browser: Debian's Chromium driven by Playwright."""

import pytest

from home.demo import BUDGET_ROWS_EN, budget_table
from petitions.models import PetitionFormPage
from tests.factories import add_page, stream
from tests.petitions.page_makers import PAGE_MAKERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(site_tree):
    """A long title and the demo's widest table, which must scroll inside its own region."""
    home, _ = site_tree
    header = ("Category", "Item", "Budget (NT$ thousand)", "Notes")
    add_page(home, title="關於高雄市政府行政暨國際處的業務職掌與施政計畫", slug="about",
             show_in_menus=True, body=stream(
                 ("table", budget_table(header, BUDGET_ROWS_EN, "2020 budget"))))
    return site_tree


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_pages_fit_the_viewport_without_horizontal_scrolling(browser, live_server, content,
                                                             width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    for path in ("/", "/en/", "/about/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


def test_skip_link_is_first_and_visible_on_focus(browser, live_server, content):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0, "the skip link stays off screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible_on_links(browser, live_server, content):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle + ' ' +"
        "getComputedStyle(document.activeElement).outlineWidth")
    assert outline.startswith("solid") and not outline.endswith(" 0px")


def test_the_intake_honeypot_takes_no_room_on_screen(browser, live_server, site_tree):
    """The field that only bots fill in must not be shown to people, on every page that
    has one (the hiding class comes from the site-wide style sheet)."""

    form_page = PAGE_MAKERS[PetitionFormPage](site_tree[0])
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(live_server.url + form_page.url)
    honeypot = page.locator("div:has(> input[name=website])")
    box = honeypot.bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1, box
