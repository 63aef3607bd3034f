"""One intake path through the web forms: the receipt and its tracking link, a new link for
a lost code, replayed and stale forms, and tracking codes that outlive a SECRET_KEY rotation."""

import datetime
import hashlib
import hmac
import importlib
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from petitions import domain, intake
from petitions.models import AuditLog, Case, Kind
from tests.petitions.helpers import complaint_data, petition_data, track, tracking_code

pytestmark = pytest.mark.django_db

# A migration module: its name starts with a digit, so no import statement can name it.
MARK_KEYED_HASHES = importlib.import_module("petitions.migrations.0007_mark_keyed_tracking_hashes")
LINK = re.compile(r"https?://\S+/cases/track/\S+/")


def _form_data(body):
    """What a browser sends back from the form in this page: its fields as they stand."""
    form = BeautifulSoup(body, "html.parser").select_one("form[enctype]")
    data = {}
    for field in form.select("input, textarea, select"):
        name = field.get("name")
        if not name or field.get("type") in ("file", "submit"):
            continue
        if field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.text.strip("\n")
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            data[name] = chosen["value"] if chosen else ""
        else:
            data[name] = field.get("value", "")
    return data


def _link_path(message):
    return urlsplit(LINK.search(message.body).group(0)).path


def _code(body):
    return tracking_code(body)


def test_receipt_has_number_kind_deadline_and_link_but_not_a_word_typed(client,
                                                                        complaint_page):
    typed = complaint_data(name="林美麗", business_name="詐騙公司請匯款", description="點這裡",
                           resolution_sought="http://evil.example/")
    assert client.post(complaint_page.url, typed, follow=True).status_code == 200
    case = Case.objects.get()
    [receipt] = mail.outbox
    assert case.number in receipt.subject
    assert "消費爭議申訴" in receipt.body  # the kind, in the citizen's language
    roc = f"民國{case.deadline.year - 1911}年{case.deadline.month}月{case.deadline.day}日"
    assert roc in receipt.body
    for words in ("林美麗", "詐騙公司請匯款", "點這裡", "evil.example", "好買", "1200"):
        assert words not in receipt.body and words not in receipt.subject
    # The link opens the case's tracking page, and the token leaves the address at once.
    response = Client().get(_link_path(receipt))
    assert response.status_code == 302 and response["Location"] == reverse("petitions:track")


def test_an_english_receipt_is_in_english_and_its_link_opens_the_case(client,
                                                                     complaint_page_en):
    assert client.post(complaint_page_en.url, complaint_data(), follow=True).status_code == 200
    case = Case.objects.get()
    [receipt] = mail.outbox
    assert receipt.subject == f"Your case {case.number} has been received"
    assert "Consumer complaint" in receipt.body  # the kind, in English
    assert case.deadline.strftime(f"{case.deadline.day} %B %Y") in receipt.body  # AD date
    assert "民國" not in receipt.body
    page = Client().get(_link_path(receipt), follow=True)
    assert page.status_code == 200 and case.number in page.content.decode()


def test_the_link_shows_the_case_and_a_new_one_replaces_it(client, petition_page):
    client.post(petition_page.url, petition_data())
    case = Case.objects.get()
    path = _link_path(mail.outbox[0])
    browser = Client()
    page = browser.get(path, follow=True)
    assert page.status_code == 200 and case.number in page.content.decode()
    assert "Cache-Control" in page and "no-cache" in page["Cache-Control"]
    # A lost code: a new link to the address on file; the old link stops working.
    resent = client.post(reverse("petitions:resend_link"),
                         {"number": case.number.lower(), "email": "MING@example.com"})
    assert resent.status_code == 200 and len(mail.outbox) == 2
    assert "王小明" not in mail.outbox[1].body and "路燈" not in mail.outbox[1].body
    new_path = _link_path(mail.outbox[1])
    assert new_path != path
    assert Client().get(path).status_code == 404
    assert case.number in Client().get(new_path, follow=True).content.decode()


def test_resending_answers_the_same_whether_or_not_the_case_exists(client, petition_page):
    client.post(petition_page.url, petition_data())
    case = Case.objects.get()
    mail.outbox.clear()
    url = reverse("petitions:resend_link")

    def answer(number, email):
        response = client.post(url, {"number": number, "email": email})
        assert response.status_code == 200
        return BeautifulSoup(response.content, "html.parser").select_one("main").get_text()

    right = answer(case.number, "ming@example.com")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ming@example.com"]
    wrong_address = answer(case.number, "someone@example.com")
    no_case = answer("P999-999999", "ming@example.com")
    assert right == wrong_address == no_case
    assert len(mail.outbox) == 1
    assert "已在寄送途中" in right  # Chinese by default


def test_resend_page_in_both_languages_and_rate_limited(client, complaint_page_en, settings):
    assert "重新寄送查詢連結" in client.get("/cases/track/resend/").content.decode()
    assert "Have the tracking link sent again" in client.get(
        "/en/cases/track/resend/").content.decode()
    settings.PETITIONS_TRACK_LIMIT = 2
    for _ in range(2):
        assert client.post(reverse("petitions:resend_link"),
                           {"number": "C1", "email": "a@example.com"}).status_code == 200
    assert client.post(reverse("petitions:resend_link"),
                       {"number": "C1", "email": "a@example.com"}).status_code == 429


def test_every_web_case_gets_an_audit_entry_saying_its_channel(client, petition_page):
    client.post(petition_page.url, petition_data())
    entry = AuditLog.objects.get(action="receive")
    assert entry.case_number == Case.objects.get().number
    assert entry.detail == "channel=web" and entry.user is None


def test_a_replayed_form_makes_no_second_case(client, petition_page):
    form = client.get(petition_page.url).content.decode()
    data = petition_data(submission=_form_data(form)["submission"])
    first = client.post(petition_page.url, data, follow=True)
    assert first.status_code == 200
    again = client.post(petition_page.url, data, follow=True)  # back button, double click
    assert again.status_code == 200
    case = Case.objects.get()
    body = again.content.decode()
    assert case.number in body and "already-sent" in body
    assert _code(first.content.decode()) not in body  # shown once only
    assert len(mail.outbox) == 1
    # A new form is a new case.
    fresh = _form_data(client.get(petition_page.url).content.decode())
    assert client.post(petition_page.url, {**data, "submission": fresh["submission"]},
                       follow=True).status_code == 200
    assert Case.objects.count() == 2


def test_a_form_open_for_a_day_comes_back_filled_in_and_then_goes_through(client,
                                                                         complaint_page):
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=25), tick=False):
        opened = _form_data(client.get(complaint_page.url).content.decode())
    typed = {**complaint_data(), "started": opened["started"],
             "submission": opened["submission"]}
    response = client.post(complaint_page.url, typed)
    assert response.status_code == 400 and not Case.objects.exists()
    body = response.content.decode()
    assert "表單開啟太久" in body
    again = _form_data(body)
    assert again["business_name"] == "好買公司" and again["description"] == "未出貨"
    assert again["started"] != opened["started"]
    # Sent again as shown, after the few seconds a person takes.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1), tick=False):
        sent = client.post(complaint_page.url, {**again, "consent": "on"}, follow=True)
    assert sent.status_code == 200 and Case.objects.get().complaint.business_name == "好買公司"


def test_a_form_whose_csrf_cookie_is_gone_comes_back_filled_in(complaint_page_en):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(complaint_page_en.url, complaint_data())  # no cookie any more
    assert response.status_code == 403 and not Case.objects.exists()
    body = response.content.decode()
    assert "Your form was open for a long time" in body
    again = _form_data(body)
    assert again["business_name"] == "好買公司" and again["amount"] == "1200"
    assert again["csrfmiddlewaretoken"] and "csrftoken" in response.cookies
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1), tick=False):
        sent = browser.post(complaint_page_en.url, again, follow=True)
    assert sent.status_code == 200 and Case.objects.get().complaint.amount == 1200


def test_other_csrf_failures_keep_djangos_page():
    response = Client(enforce_csrf_checks=True).post(reverse("petitions:track"),
                                                     {"number": "P1", "code": "x"})
    assert response.status_code == 403 and "CSRF" in response.content.decode()


@pytest.mark.parametrize(("when", "message_zh", "message_en"), [
    (datetime.timedelta(days=-3), "此日期不得晚於今天。", "This date must not be in the future."),
    (datetime.timedelta(days=365 * 21), "此日期須在最近 10 年內。",
     "This date must be within the last 10 years."),
])
def test_implausible_transaction_dates_are_refused(client, complaint_page, complaint_page_en,
                                                  when, message_zh, message_en):
    typed = (timezone.localdate() - when).isoformat()
    for page, message in ((complaint_page, message_zh), (complaint_page_en, message_en)):
        response = client.post(page.url, complaint_data(transaction_date=typed))
        assert response.status_code == 400
        body = response.content.decode()
        assert message in body and f'value="{typed}"' in body
    assert client.post(complaint_page.url, complaint_data(
        stage="second", first_complaint_date="1900-01-01", first_complaint_result="x"),
    ).status_code == 400
    assert not Case.objects.exists()


def test_tracking_survives_a_secret_key_rotation(client, petition_page):
    code = _code(client.post(petition_page.url, petition_data(), follow=True).content.decode())
    case = Case.objects.get()
    assert track(client, case.number, code).status_code == 200
    with override_settings(SECRET_KEY="a-brand-new-secret-key-" + "x" * 40):
        response = track(client, case.number, code)
        assert response.status_code == 200 and "已收件" in response.content.decode()
        assert track(client, case.number, "WRONGCODE2").status_code == 404


def test_codes_hashed_with_the_old_key_work_through_its_fallback(client, settings):
    case, code = domain.create_case(Kind.PETITION, {"subject": "s"})
    # A case made before: the HMAC under the key of the time, which migration 0007 marks.
    legacy = hmac.new(b"the-old-key", code.encode(), hashlib.sha256).hexdigest()
    Case.objects.filter(pk=case.pk).update(tracking_code_hash=legacy)
    MARK_KEYED_HASHES.mark(apps, None)
    assert Case.objects.get().tracking_code_hash == domain.LEGACY_PREFIX + legacy
    settings.SECRET_KEY = "the-new-key"
    assert track(client, case.number, code).status_code == 404  # old key forgotten
    settings.SECRET_KEY_FALLBACKS = ["the-old-key"]
    assert track(client, case.number, code).status_code == 200
    case.refresh_from_db()
    assert not case.tracking_code_hash.startswith(domain.LEGACY_PREFIX)  # upgraded
    settings.SECRET_KEY_FALLBACKS = []
    assert track(client, case.number, code).status_code == 200


def test_codes_are_salted_and_slow_to_guess_whatever_passwords_use(client, petition_page):
    """Hashed with salted PBKDF2 at no fewer rounds than NIST's floor for look-up secrets,
    even where PASSWORD_HASHERS (here the tests' MD5) would hash passwords otherwise."""
    codes = [_code(browser.post(petition_page.url, petition_data(),
                                follow=True).content.decode())
             for browser in (Client(), Client())]
    first, second = Case.objects.order_by("pk")
    for case, code in zip((first, second), codes, strict=True):
        algorithm, rounds, salt, digest = case.tracking_code_hash.split("$")
        assert algorithm == "pbkdf2_sha256" and int(rounds) >= 10_000
        assert code not in case.tracking_code_hash
        assert track(client, case.number, code).status_code == 200
    assert first.tracking_code_hash.split("$")[2] != second.tracking_code_hash.split("$")[2]
    assert track(client, first.number, codes[1]).status_code == 404


def test_codes_hashed_at_the_password_rounds_of_before_still_match(client):
    # Cases made before the tracking code had a round count of its own keep Django's.
    case, code = domain.create_case(Kind.PETITION, {"subject": "s"})
    hasher = PBKDF2PasswordHasher()
    before = hasher.encode(code, hasher.salt())
    assert before.split("$")[1] == str(PBKDF2PasswordHasher.iterations)
    Case.objects.filter(pk=case.pk).update(tracking_code_hash=before)
    assert track(client, case.number, code).status_code == 200
    assert track(client, case.number, "WRONGCODE2").status_code == 404


def test_two_copies_of_one_form_at_once_make_one_case():
    # Both copies passed the view's look for the token before either was saved: the unique
    # key decides, and the second's number is given back.
    first, _code = intake.submit(Kind.PETITION, {"subject": "s"}, channel="web",
                                 submission_key="k" * 32)
    with pytest.raises(intake.AlreadySubmitted) as replay:
        intake.submit(Kind.PETITION, {"subject": "s"}, channel="web",
                      submission_key="k" * 32)
    assert replay.value.case == first and Case.objects.count() == 1
    after, _code = intake.submit(Kind.PETITION, {"subject": "s"}, channel="web")
    assert int(after.number[-6:]) == int(first.number[-6:]) + 1
