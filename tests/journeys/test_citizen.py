"""A citizen finds a gazette document through the site search, reads it in English, writes
to the Mayor with a document attached, and follows the case with the number and code the
portal gives them."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from petitions.models import Case, PetitionFormPage
from tests.bulletin.helpers import gazette_index, load, record
from tests.factories import add_page, translate

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "修正高雄市公有收費停車場管理自治條例"
TITLE_EN = "Amendment to the Kaohsiung Public Paid Parking Ordinance"


@pytest.fixture
def portal(site_tree):
    home, _ = site_tree
    translate(gazette_index(home), "en", title="City Gazette")
    # Through the importer, which indexes what it loads in the search backend.
    document = load(record(
        title=TITLE, title_en=TITLE_EN, type="法規", subtype="自治條例",
        document_number="高市府交字第11330099900號",
        body_html="<p>第三條　本市公有收費停車場之收費標準，由交通局定之。</p>",
        keywords=["停車場"])).pages[-1]
    mailbox = add_page(home, PetitionFormPage, title="市長信箱", slug="mayor-mailbox",
                       intro="<p>對市政的陳情與建議。</p>")
    translate(mailbox, "en", title="Write to the Mayor")
    return document


def scanned_letter():
    """A real one-page PDF, as a citizen's scan would be."""
    out = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(out, "PDF")
    return out.getvalue()


def test_citizen_searches_reads_in_english_writes_and_tracks(new_person, portal):
    page = new_person()

    # 1. The home page.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("高雄市政府行政暨國際處")

    # 2. A Chinese word in the site search, from the header.
    search = page.get_by_role("search")
    search.get_by_label("搜尋字詞").fill("停車場")
    search.get_by_role("button", name="搜尋").click()
    expect(page.get_by_role("heading", name="共 1 筆結果")).to_be_visible()

    # 3. The gazette document.
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("高市府交字第11330099900號")).to_be_visible()

    # 4. The same document, in English.
    page.get_by_role("navigation", name="語言").get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(f"/en/gazette/d/{portal.pk}/")
    expect(page.get_by_text("Autonomous ordinances")).to_be_visible()

    # 5. A petition, with a scanned letter attached.
    page.get_by_role("link", name="Department of Administration and International Affairs",
                     exact=False).first.click()
    page.get_by_role("link", name="Write to the Mayor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write to the Mayor")
    page.get_by_label("Subject").fill("Street light out on Zhongzheng 4th Road")
    page.get_by_label("Category").select_option(label="Transport and roads")
    page.get_by_label("Description").fill("The light at the Wufu Road corner has been out "
                                          "for three nights.")
    page.get_by_label("Location (optional)").fill("Lingya District")
    page.get_by_label("Name").fill("Chen Mei-ling")
    page.get_by_label("E-mail").fill("meiling@example.com")
    page.get_by_label("Preferred reply channel").select_option(label="E-mail")
    page.get_by_label("Attachments").set_input_files(
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": scanned_letter()})
    page.get_by_label(re.compile("I have read the personal data notice")).check()
    page.get_by_role("button", name="Submit").click()

    expect(page.get_by_role("heading", name="Your case has been received")).to_be_visible()
    number = page.locator(".case-number").inner_text()
    code = page.locator(".tracking-code").inner_text()
    assert re.fullmatch(r"P\d{3}-\d{6}", number) and code

    # 6. Tracking, with the number and code shown.
    page.get_by_role("link", name="Track your case").click()
    page.get_by_label("Case number").fill(number)
    page.get_by_label("Tracking code").fill(code)
    page.get_by_role("button", name="Show the status").click()
    status = page.get_by_role("region", name=number)
    expect(status).to_be_visible()
    expect(status.get_by_role("definition").first).to_have_text("Received")
    assert not page.errors, page.errors

    # The letter arrived with the case, as its officer will find it. (Read once the browser
    # is closed: on SQLite in memory, the test and the server share one connection.)
    page.context.close()
    case = Case.objects.get(number=number)
    assert [(a.original_name, a.content_type) for a in case.attachments.all()] == [
        ("letter.pdf", "application/pdf")]
