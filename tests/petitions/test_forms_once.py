"""Forms a person can fill in once (issue 18): labels and autocomplete, the fields each reply
channel and complaint stage needs, the error summary, the confirmation after a redirect, and
rate limits that let a school through but not a flood."""

import datetime
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from petitions import conf
from petitions.forms import submission_token
from petitions.models import Case
from tests.factories import translate
from tests.html import parse
from tests.petitions.helpers import complaint_data, petition_data, started, tracking_code

pytestmark = pytest.mark.django_db

TAIPEI = ZoneInfo("Asia/Taipei")
LINK = re.compile(r"https?://\S+/cases/track/\S+/")


@pytest.fixture
def petition_page_en(petition_page):
    return translate(petition_page, "en", title="Write to the Mayor")


def label_of(page, field_id):
    return page.select_one(f"label[for={field_id}]").get_text(strip=True)


@pytest.mark.parametrize(("language", "name", "consent_end"), [
    ("zh-hant", "姓名", "。"), ("en", "Full name", ".")])
def test_personal_fields_say_what_they_are_to_people_and_browsers(
        client, petition_page, complaint_page, language, name, consent_end):
    pages = [petition_page, complaint_page]
    if language == "en":
        pages = [translate(page, "en", title=f"{page.title} (en)") for page in pages]
    for form_page in pages:
        page = parse(client.get(form_page.url))
        assert label_of(page, "id_name") == name
        tokens = {field: page.select_one(f"#id_{field}")["autocomplete"]
                  for field in ("name", "email", "phone", "address")}
        assert tokens == {"name": "name", "email": "email", "phone": "tel",
                          "address": "street-address"}
        assert page.select_one("#id_phone")["type"] == "tel"
        assert page.select_one("#id_email")["type"] == "email"
        # The consent label is one sentence: its only full stop ends it, with no colon after.
        consent = label_of(page, "id_consent")
        assert consent.endswith(consent_end) and consent.count(consent_end) == 1
        assert ":" not in consent and "：" not in consent
        # The checkbox comes before its label, as people expect of a checkbox.
        box = page.select_one("#id_consent")
        assert box.find_next_sibling("label")["for"] == "id_consent"


def errors_of(response):
    """The error summary's links: the target id of each, and its text."""
    summary = parse(response).select_one("#error-summary")
    return {a["href"].lstrip("#"): a.get_text(" ", strip=True) for a in summary.select("a")}


def test_a_reply_by_post_needs_an_address_then_and_only_then(client, petition_page):
    response = client.post(petition_page.url, petition_data(reply_channel="post"))
    assert response.status_code == 400 and not Case.objects.exists()
    assert errors_of(response) == {"id_address": "通訊地址：希望以郵寄回覆，請填寫通訊地址。"}
    response = client.post(petition_page.url, petition_data(
        reply_channel="post", address="802 高雄市苓雅區四維三路2號"), follow=True)
    assert response.status_code == 200
    assert Case.objects.get().address == "802 高雄市苓雅區四維三路2號"
    # Typed, then another channel chosen: not needed, so not kept (nor checked).
    Case.objects.all().delete()
    client.post(petition_page.url, petition_data(reply_channel="email", address="x" * 500))
    assert Case.objects.get().address == ""


def test_a_reply_by_phone_needs_a_phone_number_in_english_too(client, petition_page_en):
    response = client.post(petition_page_en.url, petition_data(reply_channel="phone"))
    assert response.status_code == 400 and not Case.objects.exists()
    assert errors_of(response) == {
        "id_phone": "Phone: Give a phone number to get the reply by phone."}
    client.post(petition_page_en.url, petition_data(reply_channel="phone", phone="07-7995678"))
    assert Case.objects.get().phone == "07-7995678"


def test_the_first_complaint_is_asked_only_for_the_stages_after_it(client, complaint_page):
    for stage in ("second", "mediation"):
        response = client.post(complaint_page.url, complaint_data(stage=stage))
        assert response.status_code == 400
        assert set(errors_of(response)) == {"id_first_complaint_date",
                                            "id_first_complaint_result"}
        # The two fields are in their own group, which CSS shows for these stages.
        group = parse(response).select_one("fieldset.stage-details")
        assert {f["id"] for f in group.select("input, textarea")} == {
            "id_first_complaint_date", "id_first_complaint_result"}
    assert not Case.objects.exists()
    # For a first complaint, whatever the hidden fields still hold is dropped, even nonsense.
    client.post(complaint_page.url, complaint_data(
        stage="first", first_complaint_date="not a date", first_complaint_result="舊的"))
    first = Case.objects.get().complaint
    assert (first.first_complaint_date, first.first_complaint_result) == (None, "")
    client.post(complaint_page.url, complaint_data(
        stage="mediation", first_complaint_date="2024-05-10", first_complaint_result="業者不理",
        email="other@example.com"))
    mediation = Case.objects.get(complaint__stage="mediation").complaint
    assert mediation.first_complaint_date == datetime.date(2024, 5, 10)


def test_the_error_summary_comes_first_and_leads_to_every_field(client, complaint_page):
    response = client.post(complaint_page.url, {"started": started()})
    assert response.status_code == 400
    page = parse(response)
    article = page.select_one("main article")
    first = article.find(True)
    assert first["id"] == "error-summary" and first["tabindex"] == "-1"
    assert page.select_one("#error-summary + h1") is not None  # before the notice and form
    links = errors_of(response)
    # A radio group's link leads to its first radio; the checkbox's to the checkbox.
    assert "id_stage_0" in links and "id_consent" in links
    assert links["id_consent"] == "請勾選同意，我們才能處理您的案件。"
    assert links["id_name"] == "姓名：必要欄位"
    for target in links:
        control = page.select_one(f"#{target}")
        assert control.name in ("input", "select", "textarea"), target
        assert control["aria-invalid"] == "true"
        field_id = target.removesuffix("_0")
        assert f"{field_id}_error" in control["aria-describedby"].split()
        assert page.select_one(f"#{field_id}_error").get_text(strip=True)
    # The summary is focused by a static script (CSP allows no inline one).
    assert page.select_one("script[src$='petitions/forms.js']") is not None


def test_the_confirmation_comes_after_a_redirect_and_a_reload_sends_nothing(client,
                                                                           petition_page):
    response = client.post(petition_page.url, petition_data())
    assert response.status_code == 302
    location = response["Location"]
    assert location == "/cases/received/"  # nothing personal, no code, in the address
    case = Case.objects.get()
    shown = client.get(location)
    assert shown.status_code == 200 and "no-store" in shown["Cache-Control"]
    page = parse(shown)
    assert page.select_one(".case-number").get_text() == case.number
    code = tracking_code(shown.content.decode())
    assert code and code not in location
    # A print button, which the static script shows; hidden without it.
    button = page.select_one("button[data-print]")
    assert button.has_attr("hidden") and button["type"] == "button"
    # Reloading shows the same page again and makes no second case.
    again = client.get(location)
    assert tracking_code(again.content.decode()) == code
    assert Case.objects.count() == 1 and len(mail.outbox) == 1
    # Another browser, without this session, sees nothing of it.
    stranger = Client().get(location)
    assert stranger.status_code == 302 and stranger["Location"] == "/cases/track/"
    # The receipt e-mail has the personal tracking link, and it opens the case.
    link = urlsplit(LINK.search(mail.outbox[0].body).group(0)).path
    tracked = Client().get(link, follow=True)
    assert case.number in tracked.content.decode()


def test_the_confirmation_is_in_the_language_of_the_form(client, petition_page_en):
    response = client.post(petition_page_en.url, petition_data(), follow=True)
    assert response.redirect_chain == [("/en/cases/received/", 302)]
    assert "Your case has been received" in response.content.decode()
    assert "Print this page" in response.content.decode()


AT = datetime.datetime(2026, 3, 5, 10, 20, tzinfo=TAIPEI)


@pytest.mark.parametrize(("prefix", "when", "words"), [
    ("", "民國115年3月5日 11:00", "請重新附加檔案"),
    ("/en", "5 March 2026 11:00", "Please attach your files again.")])
def test_too_many_keeps_what_was_typed_and_says_when_to_try_again(
        client, petition_page, petition_page_en, settings, prefix, when, words):
    settings.PETITIONS_SUBMIT_PERSON_LIMIT = 1
    form_page = petition_page_en if prefix else petition_page
    with time_machine.travel(AT, tick=False):
        client.post(form_page.url, petition_data(started=started()))
        typed = petition_data(subject="第二件事", started=started(),
                              attachments=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")])
        response = client.post(form_page.url, typed)
    assert response.status_code == 429
    assert response["Retry-After"] == str(40 * 60)
    assert Case.objects.count() == 1
    page = parse(response)
    summary = page.select_one("#error-summary")
    assert summary.select_one("time")["datetime"] == "2026-03-05T11:00:00+08:00"
    assert when in summary.get_text() and words in summary.get_text()
    assert page.select_one("#id_subject")["value"] == "第二件事"
    assert page.select_one("#id_description").get_text(strip=True) == "中正路路燈壞了"
    assert page.select_one("#id_consent").has_attr("checked")


def test_at_the_time_it_gives_the_same_form_goes_through(client, petition_page, settings):
    settings.PETITIONS_SUBMIT_PERSON_LIMIT = 1
    with time_machine.travel(AT, tick=False):
        client.post(petition_page.url, petition_data(started=started()))
        refused = client.post(petition_page.url, petition_data(subject="第二件事",
                                                               started=started()))
    assert refused.status_code == 429
    retry_at = parse(refused).select_one("#error-summary time")["datetime"]
    with time_machine.travel(datetime.datetime.fromisoformat(retry_at), tick=False):
        again = client.post(petition_page.url, petition_data(subject="第二件事",
                                                             started=started()))
    assert again.status_code == 302
    assert Case.objects.filter(subject="第二件事").count() == 1


def test_forms_refused_for_what_they_say_do_not_count(client, petition_page, settings):
    settings.PETITIONS_SUBMIT_LIMIT = settings.PETITIONS_SUBMIT_PERSON_LIMIT = 2
    for _ in range(5):
        assert client.post(petition_page.url, petition_data(name="")).status_code == 400
    for number in range(2):
        response = client.post(petition_page.url, petition_data(subject=f"第{number}件"))
        assert response.status_code == 302
    assert client.post(petition_page.url, petition_data()).status_code == 429


@pytest.mark.parametrize(("language", "sent_again"), [
    ("zh-hant", "此表單先前已送出"), ("en", "This form had already been sent")])
def test_a_form_sent_again_is_neither_counted_nor_refused(
        client, petition_page, petition_page_en, settings, language, sent_again):
    settings.PETITIONS_SUBMIT_LIMIT = settings.PETITIONS_SUBMIT_PERSON_LIMIT = 2
    form_page = petition_page_en if language == "en" else petition_page
    first = petition_data(subject="第一件", submission=submission_token())
    for _ in range(4):  # sent, then a double click and the back button
        assert client.post(form_page.url, first).status_code == 302
    second = petition_data(subject="第二件", submission=submission_token())
    assert client.post(form_page.url, second).status_code == 302
    # At the limit, the second sent again is still its own confirmation, not a refusal.
    again = client.post(form_page.url, second, follow=True)
    assert again.status_code == 200 and "already-sent" in again.content.decode()
    assert sent_again in again.content.decode()
    assert Case.objects.get(subject="第二件").number in again.content.decode()
    third = petition_data(subject="第三件", submission=submission_token())
    assert client.post(form_page.url, third).status_code == 429
    assert Case.objects.count() == 2


def test_a_school_behind_one_address_gets_through_but_a_flood_does_not(client,
                                                                      petition_page):
    # A class of pupils, each with their own address, from the school's one connection.
    for pupil in range(conf.submit_limit()):
        response = client.post(petition_page.url,
                               petition_data(email=f"pupil{pupil}@example.edu"))
        assert response.status_code == 302, pupil
    assert Case.objects.count() == conf.submit_limit() >= 40
    # Past the address's hour, whatever names a flood gives, it is refused.
    flood = client.post(petition_page.url, petition_data(email="new@example.com"))
    assert flood.status_code == 429


def test_one_person_is_limited_from_any_address(petition_page, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    for number in range(conf.submit_person_limit()):
        response = Client().post(petition_page.url, petition_data(email="Same@example.com"),
                                 HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
        assert response.status_code == 302
    response = Client().post(petition_page.url, petition_data(email="same@EXAMPLE.com"),
                             HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert response.status_code == 429
    assert Case.objects.count() == conf.submit_person_limit()


def test_too_many_look_ups_say_when_to_try_again(client, settings):
    settings.PETITIONS_TRACK_LIMIT = 1
    with time_machine.travel(AT, tick=False):
        client.post("/en/cases/track/", {"number": "P115-000001", "code": "X"})
        response = client.post("/en/cases/track/", {"number": "P115-000001", "code": "X"})
    assert response.status_code == 429 and response["Retry-After"] == str(10 * 60)
    time = parse(response).select_one("main time")
    assert time["datetime"] == "2026-03-05T10:30:00+08:00"
    assert time.get_text() == "5 March 2026 10:30"
