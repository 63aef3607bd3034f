import csv
import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from opendata import generators
from petitions import domain, files, tasks
from petitions.models import Attachment, Case, ReceiptStatus
from tests.html import has_link, parse
from tests.petitions.helpers import (
    complaint_data,
    petition_data,
    png_with_gps,
    started,
    tracking_code,
)

pytestmark = pytest.mark.django_db




def submit(client, page, data, prefix=""):
    """Send the form, and follow its redirect to the confirmation page if it went through."""
    return client.post(prefix + page.url, data, follow=True)


def test_petition_end_to_end_in_chinese(client, petition_page):
    response = submit(client, petition_page, petition_data())
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.number.startswith("P")
    body = response.content.decode()
    assert case.number in body
    code = tracking_code(body)
    assert domain.tracking_code_matches(case, code)
    assert response.redirect_chain == [("/cases/received/", 302)]  # Post/Redirect/Get
    assert "no-store" in response["Cache-Control"]
    assert "您的案件已收到" in body and "查詢碼" in body
    assert case.subject == "路燈不亮" and case.language == "zh-hant"
    assert case.receipt_status == ReceiptStatus.SENT
    assert len(mail.outbox) == 1 and case.number in mail.outbox[0].subject
    assert code not in mail.outbox[0].body
    assert has_link(parse(body), "/cases/track/")  # where to use the number and code


def test_complaint_end_to_end_in_english(client, complaint_page_en):
    response = client.post(complaint_page_en.url, complaint_data(), follow=True)
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.number.startswith("C") and case.language == "en"
    assert case.complaint.amount == 1200 and case.complaint.business_name == "好買公司"
    assert "Your case has been received" in response.content.decode()


@pytest.mark.parametrize("missing", ["subject", "description", "name", "consent"])
def test_missing_fields_keep_what_was_typed(client, petition_page, missing):
    data = petition_data()
    data.pop(missing)
    response = submit(client, petition_page, data)
    assert response.status_code == 400
    assert Case.objects.count() == 0
    body = response.content.decode()
    for kept in ("王小明", "ming@example.com"):
        if missing != "name" or kept != "王小明":
            assert kept in body
    assert parse(body).select_one(".form-error") is not None and "請修正下列錯誤。" in body
    if missing == "consent":
        assert "請勾選同意，我們才能處理您的案件。" in body


def test_english_errors(client, complaint_page_en):
    response = client.post(complaint_page_en.url,
                           complaint_data(amount="lots", transaction_date="yesterday"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a whole number." in body and "Enter a valid date." in body
    assert "Please correct the errors below." in body and "Business name" in body
    assert 'value="lots"' in body


def test_second_complaint_needs_the_first_one(client, complaint_page):
    response = submit(client, complaint_page, complaint_data(stage="second"))
    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_contact_needed(client, petition_page):
    response = submit(client, petition_page, petition_data(email="", reply_channel="phone"))
    assert response.status_code == 400


def test_honeypot_and_fill_time(client, petition_page):
    assert submit(client, petition_page, petition_data(website="http://spam")).status_code == 400
    assert submit(client, petition_page,
                  petition_data(started=started(seconds_ago=0))).status_code == 400
    assert submit(client, petition_page, petition_data(started="forged")).status_code == 400
    assert Case.objects.count() == 0


def test_rate_limit_gives_friendly_429(client, petition_page, settings):
    settings.PETITIONS_SUBMIT_LIMIT = 2
    for _ in range(2):
        assert submit(client, petition_page, petition_data()).status_code == 200
    response = submit(client, petition_page, petition_data())
    assert response.status_code == 429
    assert "Retry-After" in response
    assert parse(response).find("h1") is not None


def test_csrf_is_enforced(petition_page):
    response = Client(enforce_csrf_checks=True).post(petition_page.url, petition_data())
    assert response.status_code == 403
    assert Case.objects.count() == 0


def test_html_named_pdf_is_rejected(client, petition_page):
    fake = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>",
                              content_type="application/pdf")
    response = submit(client, petition_page, petition_data(attachments=[fake]))
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert "王小明" in response.content.decode()


def test_oversized_and_too_many_files(client, petition_page, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 100)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * 200)
    assert submit(client, petition_page, petition_data(attachments=[big])).status_code == 400
    many = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4") for i in range(6)]
    assert submit(client, petition_page, petition_data(attachments=many)).status_code == 400
    assert Case.objects.count() == 0


def _docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def test_accepted_files_are_private_and_images_lose_exif(client, petition_page, settings):
    files = [png_with_gps(), SimpleUploadedFile("a.pdf", b"%PDF-1.4 test"),
             SimpleUploadedFile("a.docx", _docx())]
    response = submit(client, petition_page, petition_data(attachments=files))
    assert response.status_code == 200
    stored = {a.content_type: a for a in Attachment.objects.all()}
    assert len(stored) == 3
    photo = stored["image/jpeg"]
    assert photo.file.path.startswith(settings.PETITIONS_PRIVATE_ROOT)
    assert not photo.file.path.startswith(str(settings.MEDIA_ROOT))
    with Image.open(photo.file.path) as image:
        assert not image.getexif()
    with photo.file.open("rb") as handle:
        assert b"SecretCam" not in handle.read()
    assert photo.original_name == "photo.jpg"


def test_email_failure_keeps_case_and_retries(client, petition_page, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(tasks, "send_mail", broken)
    response = submit(client, petition_page, petition_data())
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.receipt_status == ReceiptStatus.FAILED and case.receipt_attempts == 1
    monkeypatch.undo()
    tasks.retry_failed_receipts.call()
    case.refresh_from_db()
    assert case.receipt_status == ReceiptStatus.SENT and case.receipt_attempts == 2
    assert len(mail.outbox) == 1


def test_live_case_statistics_count_intake_without_personal_data(client, petition_page):
    empty = generators.render("case-statistics", "CSV")
    submit(client, petition_page, petition_data())
    counted = generators.render("case-statistics", "CSV")
    assert counted.version != empty.version
    text = counted.content.decode()
    [row] = csv.DictReader(io.StringIO(text))
    assert (row["kind"], row["status"], row["received"]) == ("petition", "received", "1")
    assert "王小明" not in text and "ming@example.com" not in text and "路燈" not in text


def test_errors_are_summarised_and_tied_to_their_fields(client, petition_page):
    data = petition_data(email="not-an-address", attachments=[])
    data.pop("name")
    page = BeautifulSoup(submit(client, petition_page, data).content, "html.parser")
    summary = page.select_one("#error-summary")
    assert summary["role"] == "alert"
    links = {a["href"] for a in summary.select("a")}
    assert {"#id_name", "#id_email"} <= links
    for field_id in ("id_name", "id_email"):
        field = page.select_one(f"#{field_id}")
        assert field["aria-invalid"] == "true"
        described = field["aria-describedby"].split()
        assert f"{field_id}_error" in described
        assert all(page.select_one(f"#{ref}") for ref in described)
    attachments = page.select_one("#id_attachments")
    assert attachments["aria-describedby"] == "id_attachments_helptext"
    assert page.select_one("#id_attachments_helptext")
