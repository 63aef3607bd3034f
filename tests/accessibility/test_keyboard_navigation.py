"""The ::: access keys of Taiwan's accessibility guidelines and the language switcher, with
the keyboard alone, in Chromium (where an access key is Alt with the letter)."""

import pytest

from tests.factories import add_page, translate
from tests.keyboard import FOCUS_VISIBLE, tab_to
from tests.sistercities.page_makers import city_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The first element of a region that the Tab key stops at.
FIRST_FOCUSABLE = """region => {
  const selector = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';
  return document.querySelector(region).querySelector(selector).id;
}"""


def press_access_key(page, letter):
    """Alt with the letter, as Chromium on Linux reads an access key. Sent through the
    DevTools protocol as a keyboard sends it: Playwright's Alt+Z leaves out the key's
    unmodified text, which is what Chromium matches access keys against."""
    event = {"modifiers": 1, "key": letter.lower(), "code": f"Key{letter}",
             "windowsVirtualKeyCode": ord(letter), "nativeVirtualKeyCode": ord(letter),
             "unmodifiedText": letter.lower(), "text": letter.lower()}
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", **event})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **event})
    cdp.detach()


def focused(page):
    return page.evaluate("document.activeElement.id")


def test_access_keys_lead_to_the_top_the_content_and_the_footer(browser, live_server, home):
    about = add_page(home, title="關於本處", slug="about", show_in_menus=True)
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(live_server.url + about.url)

    for key, region in (("U", "header"), ("C", "main"), ("Z", "footer")):
        link = page.locator(f"a[accesskey={key}]")
        assert link.count() == 1
        assert link.inner_text().startswith(":::")
        assert link.get_attribute("title")
        # It opens its region for the keyboard: the first stop of the Tab key there.
        assert page.evaluate(FIRST_FOCUSABLE, region) == f"accesskey-{key.lower()}"

    press_access_key(page, "Z")
    assert focused(page) == "accesskey-z"
    press_access_key(page, "C")
    assert focused(page) == "accesskey-c"
    assert page.evaluate(FOCUS_VISIBLE)
    # From the content's mark, Tab goes on into the content: the breadcrumbs first.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    press_access_key(page, "U")
    assert focused(page) == "accesskey-u"
    tab_to(page, "nav.main-nav a[href='/about/']")


def test_language_switcher_on_a_filtered_page_with_the_keyboard(browser, live_server, home):
    index = city_index(home)
    translate(index, "en", title="Sister cities")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + index.url)

    tab_to(page, "#filter-relationship")
    page.keyboard.press("ArrowDown")  # the first relationship: sister cities
    tab_to(page, ".city-filters button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    filtered = page.url.removeprefix(live_server.url)
    assert filtered.startswith("/sister-cities/?") and "relationship=sister" in filtered

    press_access_key(page, "U")
    tab_to(page, "nav.language-switcher a[hreflang=en]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.removeprefix(live_server.url) == "/en" + filtered
    assert page.input_value("#filter-relationship") == "sister"
    assert page.evaluate("document.documentElement.lang") == "en"
