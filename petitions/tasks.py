"""Receipt and reply e-mails as Django tasks. A failed send never touches the case itself:
it is recorded on the case (visible to staff) and retried by retry_failed_receipts."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from . import domain
from .anonymise import anonymise_due
from .cases import Case, CaseEvent, ReceiptStatus
from .digest import send_digests

logger = logging.getLogger(__name__)

MAX_RECEIPT_ATTEMPTS = 5
PENDING_GRACE = timedelta(minutes=10)


class MailNotSent(Exception):
    """A failed send, told by case number and the error's kind only: a mail server's own
    message quotes the recipient's address, which must not reach a log or a task's record."""


def _tracking_link(case, **also):
    """A new personal link to the case's tracking page; the previous one stops working.
    Made here, in the task, so the token is never stored in clear, even in the queue.
    `also`: other fields of the case written in the same statement."""
    token = domain.new_link_token()
    Case.objects.filter(pk=case.pk).update(tracking_link_hash=domain.hash_link_token(token),
                                           **also)
    path = reverse("petitions:track_link", args=[case.number, token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(case, template, context, link=False, **also):
    try:
        with translation.override(case.language):
            if link:
                context = {**context, "link": _tracking_link(case, **also)}
            body = render_to_string(template, {"case": case, **context})
            subject = body.splitlines()[0]
            send_mail(subject, "\n".join(body.splitlines()[1:]).strip(),
                      settings.DEFAULT_FROM_EMAIL, [case.email])
    except Exception as error:
        code = getattr(error, "smtp_code", None)
        raise MailNotSent(f"e-mail for case {case.number} not sent: "
                          f"{type(error).__name__}{f' {code}' if code else ''}") from None


@task()
def send_receipt_email(case_id):
    case = Case.objects.filter(pk=case_id).first()
    if not case or not case.email or case.receipt_status == ReceiptStatus.SENT:
        return
    try:
        # Only what the portal wrote: never the citizen's words, not even the name, so nobody
        # can make the city's sender carry their text to any address. The attempt is counted
        # in the statement that stores the link's hash, before the send: one UPDATE fewer
        # a receipt.
        _send(case, "petitions/email/receipt.txt", {}, link=True,
              receipt_attempts=F("receipt_attempts") + 1)
    except MailNotSent as error:
        # The case stays; staff see "failed" and the retry task sends it again, until the
        # last allowed attempt, after which staff see that it was given up.
        logger.error("receipt %s", error)
        attempts = case.receipt_attempts + 1
        Case.objects.filter(pk=case_id).update(
            receipt_status=ReceiptStatus.GAVE_UP if attempts >= MAX_RECEIPT_ATTEMPTS
            else ReceiptStatus.FAILED)
        return
    Case.objects.filter(pk=case_id).update(receipt_status=ReceiptStatus.SENT)


@task()
def send_reply_email(event_id):
    event = CaseEvent.objects.select_related("case").filter(pk=event_id).first()
    if event and event.case.email:
        _send(event.case, "petitions/email/reply.txt", {"event": event})


@task()
def send_tracking_link(case_id):
    """The tracking link again, to the address on file, for a citizen who lost the code."""
    case = Case.objects.filter(pk=case_id).first()
    if case and case.email and not case.anonymised_at:
        try:
            _send(case, "petitions/email/tracking_link.txt", {}, link=True)
        except MailNotSent as error:
            logger.error("tracking link %s", error)


@task()
def retry_failed_receipts():
    # A pending receipt is left to its own task for a while, so that the two do not both
    # send it; one still pending after that was lost (a worker stopped) and is sent here.
    pending = Case.objects.filter(
        Q(receipt_status=ReceiptStatus.FAILED)
        | Q(receipt_status=ReceiptStatus.PENDING,
            received_at__lt=timezone.now() - PENDING_GRACE),
        receipt_attempts__lt=MAX_RECEIPT_ATTEMPTS,
    ).values_list("pk", flat=True)
    for case_id in pending:
        send_receipt_email.call(case_id)


@task()
def send_deadline_digests():
    """Each officer's daily list of overdue cases and those due soon (digest.py)."""
    return send_digests()


@task()
def anonymise_cases():
    """The scheduled form of `manage.py anonymise_cases`."""
    return list(anonymise_due())
