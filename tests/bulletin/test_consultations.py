"""Drafts for comment (法規預告): the deadline an editor must give, the draft's page before and
after it, the list, feed and calendar of open consultations, and the machine interfaces."""

import csv
import datetime
import io
import json
import zoneinfo

import feedparser
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from bulletin.importer import export_records
from bulletin.models import DocumentType, GazetteIssuePage
from portal.models import Agency
from tests.bulletin.helpers import (
    consultations_dataset,
    draft_record,
    form_errors,
    gazette_index,
    load,
    record,
    rich_text,
)
from tests.factories import sign_in_verified, translate
from tests.html import parse
from tests.opendata.helpers import call
from tests.scheduling import run_scheduler, travel

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


def at(day, hour=12, minute=0, second=0):
    """A moment on the Taipei clock."""
    return datetime.datetime(*day, hour, minute, second, tzinfo=TAIPEI)


@pytest.fixture
def gazette(home, home_en):
    index = gazette_index(home)
    translate(index, "en", title="City Gazette", slug="gazette")
    return index


@pytest.fixture
def draft(gazette):
    """Published 2024-06-05, comments until the end of 2024-07-05 (Taipei)."""
    report = load(draft_record(90), record(1))
    assert not report.errors
    return report.documents[0]


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response.content.decode())


# The admin: a 法規預告 needs its deadline, no other document has one.

@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.gov.tw",
                                                     "a long test password")


def test_the_admin_requires_a_deadline_for_a_draft_and_only_for_one(client, editor, gazette):
    load(record(1))
    issue = GazetteIssuePage.objects.child_of(gazette).get()
    agency = Agency.objects.get(code="397000000A")
    draft_type = DocumentType.objects.get(takes_comments=True)
    assert draft_type.name == "法規預告"
    sign_in_verified(client, editor)

    def add(number, document_type, deadline=""):
        return client.post(
            f"/admin/pages/add/bulletin/gazettedocumentpage/{issue.pk}/", {
                "title": "預告修正「高雄市消費者保護自治條例」草案", "slug": f"draft-{number}",
                "document_type": document_type.pk, "document_number": f"高市府行國字第{number}號",
                "agency": agency.pk, "signing_date": "2024-06-01",
                "comment_deadline": deadline, "body": rich_text("主旨：預告修正草案。"),
                "attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0,
                "attachments-MIN_NUM_FORMS": 0, "attachments-MAX_NUM_FORMS": 1000,
            })

    refused = add(1, draft_type)
    assert refused.status_code == 200
    # In the editor's language (Chinese here), on the field.
    assert "法規預告須填寫表示意見截止日期" in str(form_errors(refused)["comment_deadline"])
    notice = add(2, DocumentType.objects.get(name="公示送達"), "2024-07-05")
    assert "只有法規預告有表示意見截止日期" in str(form_errors(notice)["comment_deadline"])
    early = add(3, draft_type, "2024-05-01")
    assert "不得早於發文日期" in str(form_errors(early)["comment_deadline"])
    accepted = add(4, draft_type, "2024-07-05")
    assert accepted.status_code == 302, form_errors(accepted)
    assert issue.get_children().get(slug="draft-4").specific.comment_deadline == \
        datetime.date(2024, 7, 5)


# The draft's page.

def test_the_drafts_page_shows_the_days_left_and_the_button_in_both_languages(client, draft):
    with time_machine.travel(at((2024, 6, 20)), tick=False):
        zh = page_text(client, draft.url)
        assert "民國113年7月5日" in zh.select_one(".gazette-meta").get_text()
        assert "尚餘15天" in zh.get_text()
        button = zh.select_one("a.comment-button")
        assert button.get_text(strip=True) == "表示意見"
        en = page_text(client, f"/en/gazette/d/{draft.pk}/")
        assert "5 July 2024" in en.get_text() and "(15 days left)" in en.get_text()
        assert en.select_one("a.comment-button").get_text(strip=True) == "Comment on this draft"
        assert en.select_one("a.comment-button")["href"] == f"/en/cases/comment/{draft.pk}/"
    with time_machine.travel(at((2024, 7, 4)), tick=False):
        assert "(1 day left)" in page_text(client, f"/en/gazette/d/{draft.pk}/").get_text()
    with time_machine.travel(at((2024, 7, 5), 23, 59, 59), tick=False):
        zh = page_text(client, draft.url)
        assert "今日截止" in zh.get_text() and zh.select_one("a.comment-button")


def test_after_the_deadline_the_button_is_gone_and_the_page_says_so(client, draft):
    # The first second of the next day in Taipei (still 2024-07-05 in UTC).
    with time_machine.travel(at((2024, 7, 6), 0, 0, 1), tick=False):
        zh = page_text(client, draft.url)
        assert zh.select_one("a.comment-button") is None
        assert "本草案已於民國113年7月5日截止表示意見" in zh.get_text()
        assert "尚餘" not in zh.get_text()
        en = page_text(client, f"/en/gazette/d/{draft.pk}/")
        assert en.select_one("a.comment-button") is None
        assert "Comments on this draft closed on 5 July 2024." in en.get_text()


def test_other_documents_have_no_consultation(client, draft):
    other = draft.get_siblings().exclude(pk=draft.pk).get().specific
    html = page_text(client, other.url)
    assert html.select_one(".consultation") is None and "表示意見" not in html.get_text()


# Finding open consultations: the list, the feed and the calendar.

@pytest.fixture
def consultations(gazette):
    """Four drafts published 2024-06-05: two closing later, one sooner, one already closed
    on 2024-06-15."""
    report = load(draft_record(91, deadline="2024-08-01"), draft_record(92, deadline="2024-07-01"),
                  draft_record(93, deadline="2024-06-15"),
                  draft_record(94, deadline="2024-07-20"), record(1))
    assert not report.errors
    return {document.document_number[-8:-1]: document for document in report.documents}


def test_the_list_shows_the_open_consultations_soonest_first_in_both_languages(
        client, consultations):
    with time_machine.travel(at((2024, 6, 20)), tick=False):
        zh = page_text(client, "/gazette/consultations/")
        assert [link["href"] for link in zh.select(".consultation-item h2 a")] == [
            consultations[n].url for n in ("0000092", "0000094", "0000091")]
        assert "尚餘11天" in zh.select_one(".consultation-item").get_text()
        en = page_text(client, "/en/gazette/consultations/")
        links = en.select(".consultation-item h2 a")
        assert [link["href"] for link in links] == [
            f"/en/gazette/d/{consultations[n].pk}/" for n in ("0000092", "0000094", "0000091")]
        assert "1 July 2024" in en.get_text() and "(11 days left)" in en.get_text()
    with time_machine.travel(at((2024, 8, 2)), tick=False):
        assert page_text(client, "/gazette/consultations/").select_one(".no-consultations")


def test_the_list_takes_the_same_queries_however_many_drafts(client, gazette, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/gazette/consultations/").status_code == 200
        return len(captured)

    load(draft_record(91, deadline="2024-08-01"))
    with time_machine.travel(at((2024, 6, 20)), tick=False):
        queries()  # the first request fills the caches every later one reads
        one = queries()
        load(*[draft_record(n, deadline=f"2024-07-{n - 80:02d}") for n in range(92, 100)])
        assert len(page_text(client, "/gazette/consultations/").select(
            ".consultation-item")) == 9
        assert queries() == one
    assert one <= 15


def test_the_feed_lists_the_open_consultations(client, consultations):
    with time_machine.travel(at((2024, 6, 20)), tick=False):
        feed = feedparser.parse(client.get("/gazette/consultations/feed.atom").content)
        assert feed.feed.title == "高雄市政府公報：徵求意見中的法規草案"
        assert [entry.link for entry in feed.entries] == [
            f"http://testserver/gazette/d/{consultations[n].pk}/"
            for n in ("0000092", "0000094", "0000091")]
        assert "民國113年7月1日" in feed.entries[0].summary
        english = feedparser.parse(client.get("/en/gazette/consultations/feed.atom").content)
        assert english.entries[0].title == "Draft amendment of the Consumer Protection Ordinance"
        assert "Comments until 1 July 2024" in english.entries[0].summary
    with time_machine.travel(at((2024, 7, 2)), tick=False):
        feed = feedparser.parse(client.get("/gazette/consultations/feed.atom").content)
        assert len(feed.entries) == 2


def test_the_calendar_has_each_deadline_as_an_all_day_event(client, consultations):
    with time_machine.travel(at((2024, 6, 20)), tick=False):
        response = client.get("/gazette/consultations/calendar.ics")
        assert response["Content-Type"].startswith("text/calendar")
        events = Calendar.from_ical(response.content).walk("VEVENT")
        assert [event.decoded("dtstart") for event in events] == [
            datetime.date(2024, 7, 1), datetime.date(2024, 7, 20), datetime.date(2024, 8, 1)]
        first = events[0]
        assert first.decoded("dtend") == datetime.date(2024, 7, 2)  # exclusive: one whole day
        assert str(first["url"]) == \
            f"http://testserver/gazette/d/{consultations['0000092'].pk}/"
        assert str(first["summary"]).startswith("表示意見截止：預告修正")
        english = Calendar.from_ical(
            client.get("/en/gazette/consultations/calendar.ics").content).walk("VEVENT")
        assert str(english[0]["summary"]) == (
            "Comment deadline: Draft amendment of the Consumer Protection Ordinance")
        assert str(english[0]["url"]).endswith(f"/en/gazette/d/{consultations['0000092'].pk}/")


def test_the_home_page_lists_the_open_consultations(client, consultations):
    with time_machine.travel(at((2024, 6, 20)), tick=False):
        section = page_text(client, "/").select_one("[aria-labelledby=home-consultations-title]")
        assert len(section.select("li")) == 3
        assert section.select_one("a[href='/gazette/consultations/']")
        english = page_text(client, "/en/").select_one(
            "[aria-labelledby=home-consultations-title]")
        assert english.select_one("a[href='/en/gazette/consultations/']")
    with time_machine.travel(at((2024, 8, 2)), tick=False):
        assert page_text(client, "/").select_one(
            "[aria-labelledby=home-consultations-title]") is None


# The machine interfaces carry the deadline.

def test_the_api_and_csv_carry_the_deadline(client, draft):
    results = {result["id"]: result
               for result in client.get("/api/gazette/documents.json").json()["results"]}
    assert results[draft.pk]["comment_deadline"] == "2024-07-05"
    others = [result for pk, result in results.items() if pk != draft.pk]
    assert others and all(result["comment_deadline"] is None for result in others)
    assert client.get(f"/api/gazette/documents/{draft.pk}.json").json()[
        "comment_deadline"] == "2024-07-05"
    rows = list(csv.DictReader(io.StringIO(
        client.get("/api/gazette/documents.csv").content.decode("utf-8-sig"))))
    assert {row["comment_deadline"] for row in rows} == {"2024-07-05", ""}
    fields = client.get("/api/gazette/documents.json?fields[]=comment_deadline").json()
    assert {"comment_deadline": "2024-07-05"} in fields["results"]
    wagtail = client.get(f"/api/v2/pages/{draft.pk}/").json()
    assert wagtail["comment_deadline"] == "2024-07-05"


def test_the_open_dataset_carries_the_deadline_through_ckan(client, draft, home):
    consultations_dataset(home)
    package = call(client, "package_show", id="gazette-consultations").json()["result"]
    [resource] = package["resources"]
    response = client.get(resource["url"])
    rows = json.loads(b"".join(response.streaming_content))
    assert rows == [{"id": draft.pk, "document_number": draft.document_number,
                     "title": draft.title, "title_en": draft.title_en,
                     "agency_code": "397000000A", "agency_name": "高雄市政府行政暨國際處",
                     "publication_date": "2024-06-05", "comment_deadline": "2024-07-05",
                     "comments_received": 0}]


# The import format.

@pytest.mark.parametrize("bulk", [True, False])
def test_the_importer_reads_the_deadline_given_or_worded_in_the_notice(gazette, bulk):
    worded = draft_record(95, comment_deadline=None, body_html=(
        "<p>四、對於本草案內容有任何意見或修正建議者，請於本公告刊登公報之次日起六十日內陳述意見。</p>"))
    report = load(draft_record(94), worded, draft_record(96, comment_deadline=None),
                  record(97, comment_deadline="2024-07-05"),
                  draft_record(98, deadline="2024-05-01"), bulk=bulk)
    assert [document.comment_deadline for document in report.documents] == [
        datetime.date(2024, 7, 5), datetime.date(2024, 8, 4)]
    reasons = dict(report.errors)
    assert sorted(reasons) == [3, 4, 5]
    assert "needs a comment deadline" in reasons[3]
    assert "Only a draft regulation for comment" in reasons[4]
    assert "before the signing date" in reasons[5]


def test_the_export_writes_the_deadline_back(draft):
    exported = [item for item in export_records() if item["type"] == "法規預告"]
    assert exported[0]["comment_deadline"] == "2024-07-05"


def test_a_deadline_is_today_or_later_on_the_taipei_clock(draft, client):
    # 2024-07-05 16:30 UTC is already 2024-07-06 00:30 in Taipei: closed.
    with time_machine.travel(datetime.datetime(2024, 7, 5, 16, 30, tzinfo=datetime.UTC),
                             tick=False):
        assert timezone.localdate() == datetime.date(2024, 7, 6)
        assert page_text(client, draft.url).select_one("a.comment-button") is None


def test_at_midnight_the_scheduler_drops_the_kept_pages_with_the_button(client, draft):
    """Kept pages (the server's page cache) would show the button for minutes after the
    deadline; the scheduler's midnight job drops them as the day ends."""
    with travel(at((2024, 7, 5), 23, 58)) as traveller:
        kept = client.get(draft.url)
        assert kept["X-Page-Cache"] == "miss"  # rendered and kept
        assert client.get(draft.url)["X-Page-Cache"] == "hit"
        run_scheduler(traveller, at((2024, 7, 6), 0, 0, 30))
        html = page_text(client, draft.url)
        assert html.select_one("a.comment-button") is None
