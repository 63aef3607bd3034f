"""A petition sent with the keyboard alone, in Chromium: every control is reached with Tab,
focus is always visible, and errors are announced and tied to their fields."""

import pytest

from home.models import StandardPage
from petitions import forms
from petitions.models import Case, PetitionFormPage
from tests.factories import add_page
from tests.keyboard import tab_to
from tests.petitions.page_makers import PAGE_MAKERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_petition_with_the_keyboard_alone(browser, live_server, home, monkeypatch):
    # The minimum fill time keeps bots out; this test types faster than a person.
    monkeypatch.setattr(forms, "MIN_FILL_SECONDS", 0)
    form_page = PAGE_MAKERS[PetitionFormPage](home)
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(live_server.url + form_page.url)

    tab_to(page, "#id_subject")
    page.keyboard.type("路燈不亮")
    tab_to(page, "#id_category")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_description")
    page.keyboard.type("中正路路燈壞了")
    tab_to(page, "#id_email")
    page.keyboard.type("ming@example.com")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The name was left out: the summary is an alert, its link leads to the field, and the
    # field says what is wrong when it gets focus.
    summary = page.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    assert page.input_value("#id_subject") == "路燈不亮"  # what was typed is kept
    name = page.locator("#id_name")
    assert name.get_attribute("aria-invalid") == "true"
    error_id = name.get_attribute("aria-describedby").split()[0]
    assert page.locator(f"#{error_id}").inner_text().strip()
    tab_to(page, "#error-summary a[href='#id_name']")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "id_name"
    page.keyboard.type("王小明")
    tab_to(page, "#id_consent")
    if not page.is_checked("#id_consent"):
        page.keyboard.press("Space")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    case = Case.objects.get()
    assert case.name == "王小明" and case.subject == "路燈不亮"
    assert case.number in page.inner_text("main")


def test_search_suggestions_with_the_keyboard(browser, live_server, home):
    busan = add_page(home, StandardPage, title="釜山姊妹市交流", slug="busan")
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(live_server.url + "/search/")
    tab_to(page, "#search-q")
    page.keyboard.type("釜山")
    option = page.locator("#search-suggestions [role=option]").first
    option.wait_for()  # the list is fetched as the person types
    box = page.locator("#search-q")
    assert box.get_attribute("aria-expanded") == "true"
    assert page.locator("#search-suggestions-status").inner_text().startswith("1")
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.id") == "search-q"  # focus stays in the box
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowDown")
    page.locator("#search-suggestions [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + busan.url
