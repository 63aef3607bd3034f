"""The petitions' periodic jobs, run by the scheduler's own loop over frozen time
(tests/scheduling.py): retention, receipt retries, and the officers' deadline digest."""

import datetime
import re
import socket
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from petitions import actions, domain
from petitions.models import Case, Kind, ReceiptStatus, Status
from petitions.tasks import MAX_RECEIPT_ATTEMPTS
from tests.factories import sign_in_verified
from tests.petitions.helpers import _agency, _officer, petition_data
from tests.scheduling import run_scheduler, travel

pytestmark = pytest.mark.django_db
TPE = zoneinfo.ZoneInfo("Asia/Taipei")


def at(hour, minute, second=0, day=2):
    return datetime.datetime(2026, 3, day, hour, minute, second, tzinfo=TPE)


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    """A real SMTP backend with nothing listening: every send fails as with a server down."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    return settings


def mail_is_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_case_past_retention_is_anonymised_at_night():
    with travel(at(2, 0)) as traveller:
        old, _code = domain.create_case(Kind.PETITION, {
            "subject": "路燈不亮", "name": "王小明", "email": "ming@example.com"},
            received_at=at(9, 0, day=1) - datetime.timedelta(days=365 * 6))
        recent, _code = domain.create_case(Kind.PETITION, {"name": "林小華"},
                                           received_at=at(9, 0, day=1))
        Case.objects.filter(pk=old.pk).update(
            status=Status.CLOSED, closed_at=old.received_at + datetime.timedelta(days=20))
        Case.objects.filter(pk=recent.pk).update(status=Status.CLOSED, closed_at=at(9, 5, day=1))

        run_scheduler(traveller, at(2, 59, 59))
        old.refresh_from_db()
        assert old.anonymised_at is None and old.name == "王小明"

        run_scheduler(traveller, at(3, 0, 30))
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.anonymised_at == at(3, 0)
    assert (old.name, old.email, old.subject) == ("", "", "")
    assert recent.anonymised_at is None and recent.name == "林小華"


def submit_petition(client, petition_page):
    response = client.post(petition_page.url, petition_data(), follow=True)
    assert response.status_code == 200
    return Case.objects.get()


def test_failed_receipt_is_sent_on_the_retry(client, petition_page, smtp_down):
    with travel(at(10, 0, 30)) as traveller:
        case = submit_petition(client, petition_page)
        assert (case.receipt_status, case.receipt_attempts) == (ReceiptStatus.FAILED, 1)

        run_scheduler(traveller, at(10, 10, 30))  # the retry at 10:10 fails too
        case.refresh_from_db()
        assert (case.receipt_status, case.receipt_attempts) == (ReceiptStatus.FAILED, 2)
        assert mail.outbox == []

        mail_is_back(smtp_down)
        run_scheduler(traveller, at(10, 20, 30))
    case.refresh_from_db()
    assert (case.receipt_status, case.receipt_attempts) == (ReceiptStatus.SENT, 3)
    [receipt] = mail.outbox
    assert receipt.to == ["ming@example.com"] and case.number in receipt.subject + receipt.body


def test_receipt_retries_stop_after_the_bound_and_staff_see_it(client, petition_page,
                                                                smtp_down):
    with travel(at(10, 0, 30)) as traveller:
        case = submit_petition(client, petition_page)
        run_scheduler(traveller, at(12, 0, 30))
        case.refresh_from_db()
        assert case.receipt_attempts == MAX_RECEIPT_ATTEMPTS
        assert case.receipt_status == ReceiptStatus.GAVE_UP

        mail_is_back(smtp_down)
        run_scheduler(traveller, at(13, 0, 30))
    case.refresh_from_db()
    assert case.receipt_attempts == MAX_RECEIPT_ATTEMPTS and mail.outbox == []

    admin = User.objects.create_superuser("admin", "admin@example.gov.tw", "pw")
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": "en"})
    sign_in_verified(client, admin)
    listing = client.get(reverse("cases:index")).content.decode()
    assert "Failed, no more retries" in listing


@pytest.fixture
def deadlines():
    """Cases of two agencies around 2 March 2026: overdue, due in 2 days, due in 10 days,
    and an overdue one already closed; what citizens wrote is in each."""
    a, b = _agency("397000000A"), _agency("397010000A")
    made = {}
    for key, agency, days, status in (
            ("a_overdue", a, -1, Status.ASSIGNED), ("a_soon", a, 2, Status.IN_PROGRESS),
            ("a_later", a, 10, Status.ASSIGNED), ("a_closed", a, -5, Status.CLOSED),
            ("b_overdue", b, -2, Status.ASSIGNED)):
        case, _code = domain.create_case(Kind.PETITION, {
            "subject": f"機密主旨{key}", "description": f"民眾陳述{key}",
            "name": f"陳民眾{key}", "email": "citizen@example.com"},
            received_at=at(9, 0, day=1) - datetime.timedelta(days=20))
        actions.assign(case, agency, None)
        Case.objects.filter(pk=case.pk).update(
            status=status, receipt_status=ReceiptStatus.SENT,
            deadline=datetime.date(2026, 3, 2) + datetime.timedelta(days=days))
        made[key] = Case.objects.get(pk=case.pk)
    return a, b, made


def test_daily_digest_reaches_each_agencys_officers_with_numbers_and_links_only(deadlines):
    a, b, cases = deadlines
    chinese = _officer("a_zh", agency=a)
    english = _officer("a_en", agency=a)
    other = _officer("b_officer", agency=b)
    no_address = _officer("a_no_mail", agency=a)
    for user in (chinese, english, other):
        user.email = f"{user.username}@kcg.gov.tw"
        user.save()
    UserProfile.objects.update_or_create(user=english, defaults={"preferred_language": "en"})
    mail.outbox.clear()

    with travel(at(7, 0)) as traveller:
        run_scheduler(traveller, at(7, 29, 59))
        assert mail.outbox == []
        run_scheduler(traveller, at(7, 30, 30))

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"a_zh@kcg.gov.tw", "a_en@kcg.gov.tw", "b_officer@kcg.gov.tw"}
    assert no_address.email == ""

    for address, shown, hidden in (
            ("a_zh@kcg.gov.tw", ("a_overdue", "a_soon"), ("a_later", "a_closed", "b_overdue")),
            ("a_en@kcg.gov.tw", ("a_overdue", "a_soon"), ("a_later", "a_closed", "b_overdue")),
            ("b_officer@kcg.gov.tw", ("b_overdue",), ("a_overdue", "a_soon", "a_later"))):
        message = by_recipient[address]
        text = message.subject + message.body
        for key in shown:
            assert cases[key].number in text
            assert f"http://testserver{reverse('cases:inspect', args=[cases[key].pk])}" in text
        for key in hidden:
            assert cases[key].number not in text
        # Nothing a citizen wrote, nor their address, leaves in the e-mail.
        assert not re.search(r"機密主旨|民眾陳述|陳民眾|citizen@example\.com", text)

    chinese_text = by_recipient["a_zh@kcg.gov.tw"].body
    assert "逾期" in chinese_text and "民國115年3月1日" in chinese_text
    english_text = by_recipient["a_en@kcg.gov.tw"].body
    assert "Overdue" in english_text and "1 March 2026" in english_text


def test_mail_server_that_never_answers_cannot_hold_the_worker(client, petition_page,
                                                                settings):
    # Set for every deployment (defect 6), and what Django's SMTP connections are given.
    assert 0 < settings.EMAIL_TIMEOUT <= 30
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert mail.get_connection().timeout == settings.EMAIL_TIMEOUT

    # A server that accepts the connection (the kernel does, from the backlog) and never
    # sends its greeting. A short timeout here keeps the test quick.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        settings.EMAIL_HOST, settings.EMAIL_PORT = silent.getsockname()
        settings.EMAIL_TIMEOUT = 0.5
        case = submit_petition(client, petition_page)
    assert (case.receipt_status, case.receipt_attempts) == (ReceiptStatus.FAILED, 1)


def test_retry_leaves_a_fresh_pending_receipt_to_its_own_task_and_sends_a_lost_one():
    with travel(at(10, 9, 30)) as traveller:
        # Pending: its own send task is still queued (or its worker stopped before it ran).
        case, _code = domain.create_case(Kind.PETITION, {"email": "ming@example.com"})
        assert case.receipt_status == ReceiptStatus.PENDING
        run_scheduler(traveller, at(10, 10, 30))
        assert mail.outbox == []  # two sends of one receipt could otherwise race

        run_scheduler(traveller, at(10, 20, 30))
    case.refresh_from_db()
    assert (case.receipt_status, case.receipt_attempts) == (ReceiptStatus.SENT, 1)
    assert [message.to for message in mail.outbox] == [["ming@example.com"]]
