"""Complaint-only data lives on a Complaint row beside each complaint case: petitions have
none, retention blanks the complaint's personal data, and the migration that moved the data
out of the case table keeps it, forward and back."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from petitions import domain
from petitions.models import Case, Complaint, Kind, Stage, Status
from petitions.statistics import monthly_case_statistics
from tests.factories import sign_in_verified

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

    # Back to the latest state, as the rest of the tests expect.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("petitions"))
    assert Complaint.objects.get().case.number == "C113-1"


@pytest.mark.django_db
def test_officers_filter_search_read_and_export_complaint_fields(client,
                                                                  django_assert_max_num_queries):
    sign_in_verified(client, User.objects.create_superuser("root", password="pw"))
    petition, _code = domain.create_case(Kind.PETITION, {"subject": "路燈不亮"})
    complaint, _code = domain.create_case(Kind.COMPLAINT, DETAILS)
    index = reverse("cases:index")
    for query in ({"stage": "second"}, {"q": "好買"}):
        body = client.get(index, query).content.decode()
        assert complaint.number in body and petition.number not in body
    with CaptureQueriesContext(connection) as one_complaint:
        assert "好買公司" in client.get(index).content.decode()
    for _ in range(3):
        domain.create_case(Kind.COMPLAINT, DETAILS)
    with django_assert_max_num_queries(len(one_complaint)):
        client.get(index)

    page = client.get(reverse("cases:inspect", args=[complaint.pk]))
    with translation.override(page["Content-Language"]):
        shown = {capfirst(str(Complaint._meta.get_field(name).verbose_name))
                 for name in ("business_phone", "resolution_sought", "amount")}
        second = str(Stage.SECOND.label)
    body = page.content.decode()
    assert all(label in body for label in shown) and second in body
    assert "07-1234567" in body and "高雄市前金區" in body and "退款" in body
    assert client.get(reverse("cases:inspect", args=[petition.pk])).status_code == 200

    response = client.get(index, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    with translation.override(response["Content-Language"]):
        heading = capfirst(str(Complaint._meta.get_field("product_category").verbose_name))
        second = str(Stage.SECOND.label)
    assert rows[0][11] == heading
    by_number = {row[0]: row for row in rows[1:]}
    assert (by_number[complaint.number][2], by_number[complaint.number][9],
            by_number[complaint.number][11]) == (second, "好買公司", "online")
    assert by_number[petition.number][2] == by_number[petition.number][9] == ""
