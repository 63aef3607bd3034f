"""An editor writes a gazette issue with two documents in the Wagtail admin and submits it
for review; a reviewer approves it; the issue is then live, found by the site search and
listed in the gazette's Atom feed."""

import re

import feedparser
import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from bulletin import numbering
from portal.models import Agency
from tests.bulletin.helpers import gazette_index
from tests.journeys.helpers import admin_login

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long editor password"  # noqa: S105
DOCUMENTS = [
    {"title": "公告本府辦理高雄港區觀光導覽活動", "title_en": "Harbour tours",
     "number": "高市府行國字第11430000100號", "body": "主旨：公告本府辦理高雄港區觀光導覽活動。"},
    {"title": "公告本府國際青年交流計畫徵選結果", "title_en": "Youth exchange results",
     "number": "高市府行國字第11430000200號", "body": "主旨：公告國際青年交流計畫徵選結果。"},
]


def staff(username, group):
    """A member of one of Wagtail's own groups, with the admin in English, as set in their
    account: Wagtail's English labels are its source text, stable across its releases."""
    user = User.objects.create_user(username, f"{username}@kcg.gov.tw", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def newsroom(site_tree, settings):
    home, _ = site_tree
    # Wagtail's autosave posts the form on a timer, which races the editor's own "Save
    # draft": on PostgreSQL the autosave arrived second and was refused with a 400 (the
    # slug was taken). A person pauses longer than the timer; a script does not. This
    # journey is about the workflow; autosave stays on for the site.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    gazette_index(home)
    Agency.objects.create(name="高雄市政府行政暨國際處", code="397000000A", locale=home.locale)
    staff("chen.editor", "Editors")
    staff("wang.reviewer", "Moderators")
    today = timezone.localdate()
    return {"year": numbering.roc_year_for(today), "volume": numbering.volume_for(today),
            "date": today.isoformat()}


def choose(page, button, item):
    page.get_by_role("button", name=button).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("link", name=item, exact=True).click()
    expect(dialog).to_be_hidden()


def write_document(page, document):
    page.get_by_role("textbox", name="Title*", exact=True).fill(document["title"])
    page.get_by_role("textbox", name="English title").fill(document["title_en"])
    choose(page, "Choose gazette document type", "公告／公告")
    page.get_by_role("textbox", name="Document number (發文字號)*").fill(document["number"])
    choose(page, "Choose agency", "高雄市政府行政暨國際處")
    page.get_by_role("textbox", name="Signing date*").fill(timezone.localdate().isoformat())
    body = page.get_by_role("textbox", name="Body*")
    body.click()  # the rich text editor reads key strokes, not a filled-in value
    page.keyboard.type(document["body"])
    expect(body).to_have_text(document["body"])
    # It keeps what was typed in its field a moment later; saving before then would lose
    # the last words (Draftail's stateSaveInterval).
    expect(page.locator("input[name=body]")).to_have_value(re.compile(document["body"]))
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(f"Page '{document['title']}' created.")).to_be_visible()


def open_breadcrumbs(page):
    """The admin remembers whether the trail was left open; open it if it is closed. From
    the keyboard, once the admin's scripts run: hovering the toggle already opens the trail,
    and a click would then close it again."""
    page.wait_for_load_state()
    toggle = page.get_by_role("button", name="Toggle breadcrumbs")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")


def test_editor_writes_an_issue_a_reviewer_approves_it_and_it_is_published(
        new_person, newsroom):
    label = numbering.issue_label(newsroom["year"], newsroom["volume"], 1)
    editor = new_person()

    # 1. Sign in.
    admin_login(editor, "chen.editor", PASSWORD)

    # 2. A new issue under the gazette, then its two documents.
    editor.get_by_role("button", name="Pages").click()
    editor.get_by_role("link", name="View child pages of '高雄市政府行政暨國際處'").click()
    editor.get_by_role("link", name="電子公報", exact=True).click()
    editor.get_by_role("link", name="Add child page").first.click()
    editor.get_by_role("spinbutton", name="ROC year*").fill(str(newsroom["year"]))
    editor.get_by_role("combobox", name="Volume*").select_option(newsroom["volume"])
    editor.get_by_role("spinbutton", name="Number*").fill("1")
    editor.get_by_role("textbox", name="Publication date*").fill(newsroom["date"])
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.get_by_text(f"Page '{label}' created.")).to_be_visible()
    for document in DOCUMENTS:
        editor.get_by_role("button", name="Actions", exact=True).click()
        editor.get_by_role("link", name="Add child page").click()
        write_document(editor, document)
        open_breadcrumbs(editor)
        editor.get_by_role("link", name=label, exact=True).click()

    # 3. The issue goes to review.
    editor.get_by_role("button", name="Actions", exact=True).click()
    editor.get_by_role("link", name="Edit", exact=True).click()
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Moderators approval").click()
    expect(editor.get_by_text(f"Page '{label}' has been submitted for moderation.")).to_be_visible()

    # 4. A reviewer approves it.
    reviewer = new_person()
    admin_login(reviewer, "wang.reviewer", PASSWORD)
    review = reviewer.get_by_role("region", name="Awaiting your review")
    review.get_by_role("link", name=label).click()
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Approve and Publish").click()
    expect(reviewer.get_by_text(f"Page '{label}' has been updated.")).to_be_visible()
    assert not editor.errors and not reviewer.errors, (editor.errors, reviewer.errors)

    # 5. Live: the issue lists both documents, the search finds one by a word of its
    # title, and the gazette's feed carries both.
    reader = new_person()
    reader.goto("/gazette/")
    reader.get_by_role("link", name=label).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(label)
    for document in DOCUMENTS:
        expect(reader.get_by_role("link", name=document["title"])).to_be_visible()
    reader.get_by_role("link", name=DOCUMENTS[1]["title"]).click()
    expect(reader.get_by_text(DOCUMENTS[1]["body"])).to_be_visible()
    reader.goto("/search/?q=港區")
    results = reader.get_by_role("region", name="共 1 筆結果")
    expect(results.get_by_role("link", name=DOCUMENTS[0]["title"])).to_be_visible()
    feed = feedparser.parse(reader.request.get("/gazette/feed.atom").body())
    assert {entry.title for entry in feed.entries} == {d["title"] for d in DOCUMENTS}
    assert not reader.errors, reader.errors
