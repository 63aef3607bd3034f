"""A receipt as deployed (issue 19): the task queue is in the database, and the receipt's task
is written in the case's own transaction (petitions.intake.enqueue_with_case), so a case
never waits for a receipt nobody queued, nor a task for a case that is not there. Run by
the task worker, it reaches the citizen in the language they wrote in, from the web forms
and from Open311 alike."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from petitions.models import Case, ReceiptStatus
from petitions.open311 import issue_api_key
from tests.petitions.helpers import complaint_data, petition_data

# Committed for real: the worker opens its own connection, as `db_worker` does in production.
pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=DATABASE_TASKS)
def test_receipts_queued_with_their_cases_are_sent_by_the_worker(
        client, petition_page, complaint_page_en, mailoutbox):
    chinese = client.post(petition_page.url, petition_data(email="ming@example.com"))
    english = client.post(complaint_page_en.url, complaint_data(email="hua@example.com"))
    _key, secret = issue_api_key("partner")
    partner = client.post("/open311/v2/requests.json", {
        "api_key": secret, "service_code": "petition", "description": "路燈",
        "email": "lin@example.com"})
    assert chinese.status_code == english.status_code == 302 and partner.status_code == 200
    # A form that does not pass queues nothing.
    assert client.post(petition_page.url, petition_data(email="")).status_code == 400
    cases = {case.email: case for case in Case.objects.all()}
    assert set(cases) == {"ming@example.com", "hua@example.com", "lin@example.com"}
    # Queued with the cases, sent by nobody yet: the request does not wait on mail.
    assert DBTaskResult.objects.count() == 3 and not mailoutbox

    call_command("db_worker", "--batch", "--no-startup-delay")

    sent = {message.to[0]: message for message in mailoutbox}
    assert set(sent) == set(cases)
    assert sent["ming@example.com"].subject == f"您的案件 {cases['ming@example.com'].number} 已收件"
    assert sent["hua@example.com"].subject == (
        f"Your case {cases['hua@example.com'].number} has been received")
    assert cases["lin@example.com"].number in sent["lin@example.com"].subject
    assert set(Case.objects.values_list("receipt_status", flat=True)) == {ReceiptStatus.SENT}
    assert set(Case.objects.values_list("receipt_attempts", flat=True)) == {1}
