"""Complaint-only data lives on a Complaint row beside each complaint case: petitions have
none, retention blanks the complaint's personal data, and the migration that moved the data
out of the case table keeps it, forward and back."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from petitions import domain
from petitions.models import Case, Complaint, Kind, Stage, Status
from petitions.statistics import monthly_case_statistics

BEFORE = [("petitions", "0007_mark_keyed_tracking_hashes")]
AFTER = [("petitions", "0008_complaint_data_on_its_own_model")]
DETAILS = {"stage": "second", "first_complaint_date": datetime.date(2024, 4, 1),
           "first_complaint_result": "業者不理", "business_name": "好買公司",
           "business_address": "高雄市前金區", "business_phone": "07-1234567",
           "product_category": "online", "transaction_date": datetime.date(2024, 3, 1),
           "amount": 1200, "resolution_sought": "退款"}


@pytest.mark.django_db
def test_a_petition_has_no_complaint_row_and_a_complaint_has_one():
    petition, _code = domain.create_case(Kind.PETITION, {"subject": "路燈不亮", "name": "王小明"})
    complaint, _code = domain.create_case(Kind.COMPLAINT, {**DETAILS, "name": "陳小華"})
    assert not Complaint.objects.filter(case=petition).exists()
    assert Complaint.objects.filter(case=complaint).values(*DETAILS).get() == DETAILS
    assert Case.objects.get(pk=complaint.pk).name == "陳小華"
    petition, complaint = Case.objects.get(pk=petition.pk), Case.objects.get(pk=complaint.pk)
    assert petition.title == "路燈不亮" and complaint.title == "好買公司"


@pytest.mark.django_db
def test_retention_blanks_the_complaints_personal_data_and_keeps_its_figures(capsys):
    now = timezone.now()
    case, _code = domain.create_case(
        Kind.COMPLAINT, {**DETAILS, "name": "陳小華", "description": "未出貨"},
        now - datetime.timedelta(days=6 * 366))
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED,
                                           closed_at=now - datetime.timedelta(days=5 * 366))
    before = monthly_case_statistics()
    call_command("anonymise_cases")
    assert "Anonymised 1 case(s)" in capsys.readouterr().out
    complaint = Complaint.objects.get(case=case)
    assert (complaint.business_phone, complaint.business_address,
            complaint.first_complaint_result, complaint.resolution_sought) == ("", "", "", "")
    assert (complaint.stage, complaint.amount, complaint.business_name) == (
        Stage.SECOND, 1200, "好買公司")
    assert Case.objects.get(pk=case.pk).name == ""
    assert monthly_case_statistics() == before


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_complaint_data_and_back():
    apps = migrate(BEFORE)
    OldCase = apps.get_model("petitions", "Case")
    common = {"received_at": timezone.now(), "deadline": datetime.date(2024, 5, 1)}
    OldCase.objects.create(kind="complaint", number="C113-1", tracking_code_hash="x",
                           **common, **DETAILS)
    OldCase.objects.create(kind="petition", number="P113-1", tracking_code_hash="y",
                           subject="路燈不亮", **common)

    apps = migrate(AFTER)
    moved = apps.get_model("petitions", "Complaint").objects
    assert list(moved.values_list("case__number", flat=True)) == ["C113-1"]
    assert moved.values(*DETAILS).get() == DETAILS

    apps = migrate(BEFORE)
    back = apps.get_model("petitions", "Case").objects
    assert back.filter(number="C113-1").values(*DETAILS).get() == DETAILS
    assert back.get(number="P113-1").business_name == ""

    migrate(AFTER)
    assert Complaint.objects.get().case.number == "C113-1"
