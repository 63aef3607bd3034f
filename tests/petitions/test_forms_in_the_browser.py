"""Both intake forms in Chromium: sent empty with the keyboard alone, the error summary takes
the focus and its links move the focus to their fields; without JavaScript, CSS alone shows
the fields a reply channel or a complaint stage needs."""

import pytest

from petitions.models import ComplaintFormPage, PetitionFormPage
from tests.keyboard import tab_to
from tests.petitions.page_makers import PAGE_MAKERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTIVE_ID = "document.activeElement.id"


@pytest.mark.parametrize(("model", "targets"), [
    (PetitionFormPage, ["id_subject", "id_name", "id_consent"]),
    (ComplaintFormPage, ["id_stage_0", "id_amount", "id_consent"]),
])
def test_an_empty_form_sent_by_keyboard_leads_to_each_field(browser, live_server, home, model,
                                                           targets):
    form_page = PAGE_MAKERS[model](home)
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(live_server.url + form_page.url)
    tab_to(page, "form.intake-form button[type=submit]", limit=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The summary has the focus, so it is read first and its links are the next Tab stops.
    page.wait_for_function("document.activeElement.id === 'error-summary'")
    for target in targets:
        page.focus("#error-summary")
        tab_to(page, f"#error-summary a[href='#{target}']", limit=80)
        page.keyboard.press("Enter")
        assert page.evaluate(ACTIVE_ID) == target
        assert page.locator(f"#{target}").get_attribute("aria-invalid") == "true"
        assert page.locator(f"#{target}").is_visible()


def test_the_fields_a_choice_needs_appear_without_javascript(browser, live_server, home):
    complaint = PAGE_MAKERS[ComplaintFormPage](home)
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + complaint.url)
    details = page.locator("fieldset.stage-details")
    assert details.is_hidden()  # no stage chosen yet
    page.check("#id_stage_1")  # a second complaint
    assert details.is_visible() and page.locator("#id_first_complaint_date").is_visible()
    page.check("#id_stage_0")  # a first complaint
    assert details.is_hidden()
    page.check("#id_stage_2")  # mediation
    assert details.is_visible()

    address = page.locator("#id_address")
    assert address.is_hidden()  # the reply comes by e-mail unless chosen otherwise
    page.select_option("#id_reply_channel", "post")
    assert address.is_visible()
    page.select_option("#id_reply_channel", "phone")
    assert address.is_hidden()
    # The phone is always there: it is also a way to reach the person.
    assert page.locator("#id_phone").is_visible()
    context.close()
