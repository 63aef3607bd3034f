"""The officers' side through the admin: Taipei time everywhere, invalid actions as form
errors, refused access in the audit log, exports for spreadsheets, and safe attachment names."""

import csv
import datetime
import io
import zoneinfo

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from petitions import actions, domain
from petitions.models import Attachment, AuditLog, Case, Kind, Status
from tests.factories import sign_in_verified
from tests.petitions.helpers import _agency, _officer, complaint_data, petition_data

pytestmark = pytest.mark.django_db
TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
# 06:22 in Taipei is 22:22 UTC the day before: the moment that shows a UTC leak.
RECEIVED = datetime.datetime(2026, 3, 5, 6, 22, tzinfo=TAIPEI)


def officer_of(agency, name="officer-a", language=None):
    user = _officer(name, agency=agency)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


@pytest.fixture
def agencies():
    return _agency("397000000A"), _agency("397010000A")


@pytest.fixture
def case(agencies):
    created, _ = domain.create_case(Kind.PETITION, {"subject": "路燈", "email": "c@example.com"},
                                    received_at=RECEIVED)
    actions.assign(created, agencies[0], None)
    return created


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def field_value(response, label):
    soup = BeautifulSoup(response.content, "html.parser")
    term = next(dt for dt in soup.select("dl dt") if dt.get_text(strip=True) == label)
    return term.find_next_sibling("dd").get_text(strip=True)


def export(client, export_format, **params):
    response = client.get(reverse("cases:index"), {"export": export_format, **params})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_rows(client):
    data = export(client, "csv")
    assert data.startswith(b"\xef\xbb\xbf"), "a UTF-8 BOM, so Excel reads Chinese"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_sheet(client):
    return openpyxl.load_workbook(io.BytesIO(export(client, "xlsx"))).active


# Times ------------------------------------------------------------------------------------

def test_a_case_received_at_0622_in_taipei_reads_0622_everywhere(client, case, agencies):
    with time_machine.travel(RECEIVED, tick=False):
        sign_in_verified(client, officer_of(agencies[0]))
        page = client.get(reverse("cases:inspect", args=[case.pk]))
        assert field_value(page, "收件時間") == "2026年3月5日 06:22"
        assert field_value(page, "結案時間") == ""
        row = next(tr for tr in BeautifulSoup(client.get(reverse("cases:index")).content,
                                              "html.parser").select("tbody tr")
                   if case.number in tr.get_text())
        assert "2026年3月5日 06:22" in " ".join(row.get_text().split())

        header, *rows = csv_rows(client)
        assert rows[0][header.index("收件時間")] == "2026-03-05 06:22:00"
        sheet = xlsx_sheet(client)
        headings = [cell.value for cell in sheet[1]]
        assert sheet.cell(2, headings.index("收件時間") + 1).value == datetime.datetime(
            2026, 3, 5, 6, 22)

        response = client.post(reverse("petitions_case_action", args=[case.pk]),
                               {"action": "reply", "text": "已派員修復"})
        assert response.status_code == 302

        sign_in_verified(client, User.objects.create_superuser("root", password="pw"))
        audit = text_of(client.get(reverse("case_audit:index")))
        assert "2026年3月5日 06:22" in audit and "22:22" not in audit
    body = mail.outbox[-1].body
    assert "收件時間: 民國115年3月5日 06:22" in body
    assert "回覆時間: 民國115年3月5日 06:22" in body
    assert "22:22" not in body


def test_an_audit_entry_names_itself_by_taipei_time(case):
    with time_machine.travel(RECEIVED, tick=False):
        actions.audit(case, None, "view")
    assert str(AuditLog.objects.get(action="view")).startswith("2026-03-05 06:22")


def test_an_english_reply_email_gives_the_taipei_time_with_an_ad_date(client, case, agencies):
    Case.objects.filter(pk=case.pk).update(language="en")
    with time_machine.travel(RECEIVED + datetime.timedelta(minutes=5), tick=False):
        sign_in_verified(client, officer_of(agencies[0]))
        client.post(reverse("petitions_case_action", args=[case.pk]),
                    {"action": "reply", "text": "Fixed"})
    body = mail.outbox[-1].body
    assert "Received on: 5 March 2026 06:22" in body
    assert "Replied on: 5 March 2026 06:27" in body


# Invalid staff actions -------------------------------------------------------------------

TODAY = RECEIVED.date()
LATER = (TODAY + datetime.timedelta(days=40)).isoformat()  # after the 30-day deadline
# Agencies are known only once the test runs: "OTHER" and "SAME" stand for them.

BAD_ACTIONS = {
    "no action": {"text": "x"},
    "unknown action": {"action": "delete", "text": "x"},
    "extend to an earlier date": {"action": "extend", "deadline": "2026-03-06", "text": "r"},
    "extend to the current deadline": {"action": "extend", "deadline": "2026-04-04",
                                       "text": "r"},
    "extend to the year 9999": {"action": "extend", "deadline": "9999-12-31", "text": "r"},
    "extend two years ahead": {"action": "extend", "deadline": "2028-04-04", "text": "r"},
    "extend to a five-digit year": {"action": "extend", "deadline": "99999-01-01",
                                    "text": "r"},
    "extend to garbage": {"action": "extend", "deadline": "next week", "text": "r"},
    "extend without a date": {"action": "extend", "text": "r"},
    "extend without a reason": {"action": "extend", "deadline": LATER},
    "empty reply": {"action": "reply", "text": ""},
    "blank reply": {"action": "reply", "text": " \n\t "},
    "reply too long": {"action": "reply", "text": "字" * 10001},
    "empty note": {"action": "note", "text": ""},
    "transfer to nowhere": {"action": "assign", "agency": "999999"},
    "transfer to garbage": {"action": "assign", "agency": "abc"},
    "transfer without an agency": {"action": "assign"},
    "transfer to the same agency": {"action": "assign", "agency": "SAME"},
    "unknown status": {"action": "status", "status": "lost"},
    "no status": {"action": "status"},
    "the status it has": {"action": "status", "status": Status.ASSIGNED},
    "reply on a closed case": {"action": "reply", "text": "x", "closed": True},
    "extend a closed case": {"action": "extend", "deadline": LATER, "text": "r",
                             "closed": True},
    "transfer a closed case": {"action": "assign", "agency": "OTHER", "closed": True},
    "close a closed case": {"action": "status", "status": Status.CLOSED, "closed": True},
}


def snapshot(case):
    case.refresh_from_db()
    return (model_to_dict(case), list(case.events.values_list("pk", flat=True)),
            list(AuditLog.objects.exclude(action="view").values_list("pk", flat=True)))


@pytest.mark.parametrize("name", BAD_ACTIONS)
def test_every_invalid_staff_action_is_a_form_error_and_changes_nothing(
        client, case, agencies, name):
    data = dict(BAD_ACTIONS[name])
    if data.pop("closed", False):
        actions.change_status(case, Status.CLOSED, None)
    for key, value in data.items():
        data[key] = {"SAME": agencies[0].pk, "OTHER": agencies[1].pk}.get(value, value)
    with time_machine.travel(RECEIVED, tick=False):
        sign_in_verified(client, officer_of(agencies[0]))
        before = snapshot(case)
        outbox = len(mail.outbox)
        response = client.post(reverse("petitions_case_action", args=[case.pk]), data)
    assert response.status_code == 400
    assert "無法執行此動作" in text_of(response)
    assert BeautifulSoup(response.content, "html.parser").select(".error-message, .errorlist")
    assert snapshot(case) == before
    assert len(mail.outbox) == outbox


def test_a_refused_action_shows_the_officers_language_and_keeps_what_was_typed(
        client, case, agencies):
    with time_machine.travel(RECEIVED, tick=False):
        sign_in_verified(client, officer_of(agencies[0], language="en"))
        response = client.post(reverse("petitions_case_action", args=[case.pk]),
                               {"action": "extend", "deadline": "2026-03-06",
                                "text": "需要會勘 site visit"})
    assert response.status_code == 400
    text = text_of(response)
    assert "The new deadline must be later than the current one (2026-04-04)." in text
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("textarea[name=text]").get_text().strip() == "需要會勘 site visit"
    assert soup.select_one("input[name=deadline]")["value"] == "2026-03-06"


def test_valid_extensions_and_reopening_still_work(client, case, agencies):
    with time_machine.travel(RECEIVED, tick=False):
        sign_in_verified(client, officer_of(agencies[0]))
        url = reverse("petitions_case_action", args=[case.pk])
        assert client.post(url, {"action": "extend", "deadline": LATER,
                                 "text": "會勘"}).status_code == 302
        assert client.post(url, {"action": "status", "status": "closed"}).status_code == 302
        assert client.post(url, {"action": "note", "text": "結案後補記"}).status_code == 302
        assert client.post(url, {"action": "status", "status": "in_progress"}
                           ).status_code == 302
    case.refresh_from_db()
    assert case.deadline.isoformat() == LATER and case.status == Status.IN_PROGRESS


def test_an_overdue_case_cannot_be_extended_to_a_date_already_past(client, case, agencies):
    with time_machine.travel(RECEIVED + datetime.timedelta(days=60), tick=False):
        sign_in_verified(client, officer_of(agencies[0]))
        response = client.post(reverse("petitions_case_action", args=[case.pk]),
                               {"action": "extend", "deadline": "2026-04-20", "text": "r"})
    assert response.status_code == 400
    assert "新期限不得早於今天。" in text_of(response)


@pytest.mark.parametrize("field, days, message", [
    ("transaction_date", 1, "此日期不得晚於今天。"),
    ("transaction_date", -365 * 11, "此日期須在最近 10 年內。"),
    ("first_complaint_date", 1, "此日期不得晚於今天。"),
])
def test_implausible_complaint_dates_are_refused(client, complaint_page, field, days, message):
    today = timezone.localdate()
    dates = {"transaction_date": today.isoformat(), "first_complaint_date": today.isoformat()}
    dates[field] = (today + datetime.timedelta(days=days)).isoformat()
    response = client.post(complaint_page.url, complaint_data(
        stage="second", first_complaint_result="業者不理", **dates))
    assert response.status_code == 400
    assert message in text_of(response)
    assert not Case.objects.exists()
    assert client.post(complaint_page.url, complaint_data(
        stage="second", first_complaint_result="業者不理",
        transaction_date=today.isoformat(), first_complaint_date=today.isoformat()),
        follow=True).status_code == 200


def test_the_year_9999_is_refused_as_a_transaction_date(client, complaint_page):
    response = client.post(complaint_page.url, complaint_data(transaction_date="9999-12-31"))
    assert response.status_code == 400
    assert "此日期不得晚於今天。" in text_of(response)


# Refused access --------------------------------------------------------------------------

def denied(username):
    return list(AuditLog.objects.filter(action="denied", username=username)
                .order_by("pk").values_list("case_number", "detail"))


def test_refused_attempts_on_another_agencys_case_are_audited(client, case, agencies):
    item = Attachment.objects.create(case=case, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"),
                                     content_type="application/pdf", original_name="a.pdf",
                                     size=8)
    sign_in_verified(client, officer_of(agencies[1], name="officer-b"))
    assert client.get(reverse("cases:inspect", args=[case.pk])).status_code == 404
    assert client.post(reverse("petitions_case_action", args=[case.pk]),
                       {"action": "note", "text": "x"}).status_code == 404
    assert client.get(reverse("petitions_files:attachment", args=[item.pk])).status_code == 404
    assert client.get(reverse("cases:inspect", args=[999999])).status_code == 404
    assert denied("officer-b") == [
        (case.number, "view"), (case.number, "action"),
        (case.number, f"download attachment={item.pk}"), ("", "view case_id=999999")]
    assert case.events.filter(type="note").count() == 0


def test_refused_exports_are_audited(client, case):
    clerk = User.objects.create_user("clerk", password="pw")
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in_verified(client, clerk)
    response = client.get(reverse("cases:index"), {"export": "csv"})
    assert response.status_code in (302, 403)
    assert case.number not in response.content.decode()
    assert denied("clerk") == [("", "export")]


# Exports ---------------------------------------------------------------------------------

@pytest.fixture
def exported(client, case, agencies):
    domain.create_case(Kind.COMPLAINT, {"business_name": '=HYPERLINK("http://x")',
                                        "stage": "first", "amount": 1200},
                       received_at=RECEIVED)
    sign_in_verified(client, User.objects.create_superuser("root", password="pw"))
    return case


def test_csv_export_has_a_bom_labels_one_column_per_field_and_no_none(client, exported):
    header, *rows = csv_rows(client)
    assert header[:5] == ["案號", "案件類型", "申訴階段", "狀態", "機關"]
    assert "陳情類別" in header and len(set(header)) == len(header)
    assert all(len(row) == len(header) for row in rows)
    by_number = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    petition = by_number[exported.number]
    assert petition["案件類型"] == "陳情" and petition["狀態"] == "已分派"
    assert petition["機關"] == "Agency 397000000A" and petition["結案時間"] == ""
    complaint = next(row for number, row in by_number.items() if number.startswith("C"))
    assert complaint["企業經營者名稱"] == '\'=HYPERLINK("http://x")'
    assert complaint["申訴階段"] == "第一次申訴" and complaint["機關"] == ""
    assert not any("None" in cell for row in rows for cell in row)


def test_csv_headers_follow_the_officers_language(client, exported):
    profile = UserProfile.get_for_user(User.objects.get(username="root"))
    profile.preferred_language = "en"
    profile.save()
    header, *rows = csv_rows(client)
    assert header[:4] == ["Case number", "Type of case", "Stage", "Status"]
    assert {row[1] for row in rows} == {"Petition", "Consumer complaint"}


def test_xlsx_export_keeps_formulas_as_text_without_a_visible_quote(client, exported):
    sheet = xlsx_sheet(client)
    headings = [cell.value for cell in sheet[1]]
    assert headings[:3] == ["案號", "案件類型", "申訴階段"]
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=2) for cell in row}
    guarded = cells['=HYPERLINK("http://x")']
    assert guarded.data_type == "s" and guarded.quotePrefix
    assert not any(isinstance(value, str) and value.startswith("'") for value in cells)
    assert "None" not in cells and "陳情" in cells and "Agency 397000000A" in cells


# Attachments (defect 4) --------------------------------------------------------------------

def test_attachments_are_served_under_a_name_built_from_their_detected_type(
        client, petition_page, agencies):
    pdf = SimpleUploadedFile("收據.hta", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n",
                             content_type="application/hta")
    response = client.post(petition_page.url, petition_data(attachments=[pdf]), follow=True)
    assert response.status_code == 200
    case = Case.objects.get()
    actions.assign(case, agencies[0], None)
    item = case.attachments.get()

    sign_in_verified(client, officer_of(agencies[0]))
    page = client.get(reverse("cases:inspect", args=[case.pk]))
    link = BeautifulSoup(page.content, "html.parser").select_one(
        f'a[href="{reverse("petitions_files:attachment", args=[item.pk])}"]')
    assert link.get_text() == f"{case.number}-1.pdf"
    download = client.get(reverse("petitions_files:attachment", args=[item.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="{case.number}-1.pdf"'
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert ".hta" not in download["Content-Disposition"]
