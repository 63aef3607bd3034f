"""The header's search box offers the same title suggestions as /search/, with the keyboard,
in both languages; without JavaScript it is a plain search box that still searches."""

import pytest

from home.models import StandardPage
from tests.factories import add_page, translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def busan(home, home_en):
    page = add_page(home, StandardPage, title="釜山姊妹市交流", slug="busan")
    return page, translate(page, "en", title="Busan sister city")


@pytest.mark.parametrize("language, start, typed", [("zh", "/", "釜山"),
                                                    ("en", "/en/", "Busan")])
def test_header_suggestions_with_the_keyboard(browser, live_server, busan, language, start,
                                              typed):
    target = busan[0] if language == "zh" else busan[1]
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(live_server.url + start)
    box = page.locator("header #site-search-q")
    box.focus()
    page.keyboard.type(typed)
    listbox_id = box.get_attribute("aria-controls")
    option = page.locator(f"#{listbox_id} [role=option]").first
    option.wait_for()  # fetched as the person types
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("type") == "text"  # the combobox role is not allowed on search
    assert box.get_attribute("aria-expanded") == "true"
    assert page.locator(f"#{listbox_id}").get_attribute("role") == "listbox"
    assert option.inner_text() == target.title
    assert page.locator(f"#{listbox_id}-status").inner_text().startswith("1")
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowDown")
    option.wait_for()
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + target.url


def test_header_search_without_javascript(browser, live_server, busan):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    box = page.locator("header #site-search-q")
    assert box.get_attribute("role") is None  # no combobox that could never open
    box.fill("釜山")
    with page.expect_navigation():
        box.press("Enter")
    assert "/search/?q=" in page.url
    assert page.locator(".search-results a", has_text="釜山姊妹市交流").count() == 1
    context.close()
