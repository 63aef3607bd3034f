"""Nothing a citizen wrote reaches a log: a whole intake, with its receipt e-mail sent or
refused by the mail server, is run with every logger at DEBUG and the output searched."""

import logging
import smtplib

import pytest
from django.contrib.auth import get_user_model

from petitions import actions, tasks
from petitions.models import Case, ReceiptStatus
from tests.petitions.helpers import petition_data

pytestmark = pytest.mark.django_db

NAME = "澎湖灣林美惠"
EMAIL = "meihui.lin.7731@example.org"
PHONE = "0933-456-789"
PLACE = "苓雅區四維三路2號旁"
TEXT = "門口水溝蓋鬆動已三週"


class Everything(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def logged():
    """Every logger at DEBUG, and a handler wherever records stop propagating. It comes
    first, so that it sees records as the code wrote them, before the redacting filter of
    the configured handlers (a second line of defence, portal.logs) cleans them."""
    handler = Everything()
    loggers = [logging.getLogger(), *(logger for logger in logging.root.manager.loggerDict.values()
                                      if isinstance(logger, logging.Logger))]
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
        if logger is logging.getLogger() or not logger.propagate:
            logger.handlers.insert(0, handler)
    yield handler.lines
    for logger, level, disabled in saved:
        logger.setLevel(level)
        logger.disabled = disabled
        logger.removeHandler(handler)


def submit(client, page):
    data = petition_data(name=NAME, email=EMAIL, phone=PHONE, location=PLACE,
                         description=TEXT, subject=TEXT)
    response = client.post(page.url, data, follow=True)
    assert response.status_code == 200
    return Case.objects.get()


def assert_nothing_personal(lines):
    text = "\n".join(lines)
    for personal in (NAME, EMAIL, PHONE, PLACE, TEXT):
        assert personal not in text, personal


def test_intake_logs_nothing_personal(client, petition_page, logged):
    case = submit(client, petition_page)
    assert case.receipt_status == ReceiptStatus.SENT
    assert any("send_receipt_email" in line for line in logged)  # the capture works
    assert_nothing_personal(logged)


def test_refused_receipt_is_logged_by_case_number_only(client, petition_page, logged,
                                                         monkeypatch):
    def refused(subject, message, sender, recipients, **kwargs):
        # What an SMTP server answers: the refused address, quoted back.
        raise smtplib.SMTPRecipientsRefused(
            {recipients[0]: (550, f"5.1.1 <{recipients[0]}>: Recipient address rejected"
                             .encode())})

    monkeypatch.setattr(tasks, "send_mail", refused)
    case = submit(client, petition_page)
    assert case.receipt_status == ReceiptStatus.FAILED  # kept, and retried later
    failure = [line for line in logged if "petitions.tasks ERROR" in line]
    assert failure and case.number in failure[0] and "SMTPRecipientsRefused" in failure[0]
    assert_nothing_personal(logged)


def test_refused_reply_fails_its_task_without_the_address(client, petition_page, logged,
                                                           monkeypatch):
    case = submit(client, petition_page)

    def refused(subject, message, sender, recipients, **kwargs):
        raise smtplib.SMTPRecipientsRefused({recipients[0]: (550, b"rejected")})

    monkeypatch.setattr(tasks, "send_mail", refused)
    officer = get_user_model().objects.create_superuser("officer", "o@example.gov.tw", "pw")
    actions.reply(case, f"{NAME} 您好，已派員處理{PLACE}。", officer)
    assert case.events.filter(type="reply").exists()  # the reply stands, shown on tracking
    assert any("MailNotSent" in line for line in logged)
    assert_nothing_personal(logged)
