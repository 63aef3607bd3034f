import datetime
import math
import threading
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from petitions import actions, domain
from petitions.models import AuditLog, Case, CaseEvent, DeadlinePolicy, Kind, Status
from tests.petitions.helpers import _agency

TPE = zoneinfo.ZoneInfo("Asia/Taipei")


def when(y, m, d):
    return datetime.datetime(y, m, d, 10, tzinfo=TPE)


def test_case_number_format():
    assert domain.format_case_number(Kind.PETITION, 113, 123) == "P113-000123"
    assert domain.format_case_number(Kind.COMPLAINT, 113, 45) == "C113-000045"


@pytest.mark.django_db
def test_numbers_are_sequential_per_kind_and_roc_year():
    numbers = [domain.create_case(Kind.PETITION, {"subject": "a"}, when(2024, 3, 1))[0].number
               for _ in range(2)]
    numbers.append(domain.create_case(Kind.COMPLAINT, {}, when(2024, 3, 1))[0].number)
    numbers.append(domain.create_case(Kind.PETITION, {}, when(2025, 1, 2))[0].number)
    assert numbers == ["P113-000001", "P113-000002", "C113-000001", "P114-000001"]


@pytest.mark.django_db
def test_roc_year_follows_taipei_time_at_new_year():
    utc_new_year_eve = datetime.datetime(2024, 12, 31, 17, tzinfo=datetime.UTC)  # 01:00 Taipei
    case, _ = domain.create_case(Kind.PETITION, {}, utc_new_year_eve)
    assert case.number == "P114-000001"


@pytest.mark.django_db
def test_default_deadlines_and_editable_policy():
    assert domain.compute_deadline(Kind.COMPLAINT, when(2024, 3, 1)) == datetime.date(2024, 3, 16)
    assert domain.compute_deadline(Kind.PETITION, when(2024, 3, 1)) == datetime.date(2024, 3, 31)
    DeadlinePolicy.objects.filter(kind=Kind.PETITION).update(days=10)
    assert domain.compute_deadline(Kind.PETITION, when(2024, 3, 1)) == datetime.date(2024, 3, 11)


@pytest.mark.django_db
def test_deadline_state_follows_each_kinds_warning_window():
    petition, _ = domain.create_case(Kind.PETITION, {})
    complaint, _ = domain.create_case(Kind.COMPLAINT, {})
    Case.objects.update(deadline=datetime.date(2024, 3, 10))
    near = {Kind.PETITION: 3, Kind.COMPLAINT: 1}

    def states(today):
        rows = Case.objects.annotate(state=domain.deadline_state(today, near))
        return {case.kind: case.state for case in rows}

    assert states(datetime.date(2024, 3, 11)) == {"petition": "overdue", "complaint": "overdue"}
    assert states(datetime.date(2024, 3, 8)) == {"petition": "near", "complaint": "ok"}
    assert states(datetime.date(2024, 3, 9)) == {"petition": "near", "complaint": "near"}
    assert states(datetime.date(2024, 3, 1)) == {"petition": "ok", "complaint": "ok"}
    Case.objects.filter(pk=petition.pk).update(status=Status.CLOSED)
    assert states(datetime.date(2024, 4, 1)) == {"petition": "ok", "complaint": "overdue"}


def test_tracking_code_has_at_least_40_bits_and_is_random():
    code = domain.new_tracking_code()
    assert len(code) * math.log2(len(domain.TRACKING_ALPHABET)) >= 40
    assert len({domain.new_tracking_code() for _ in range(200)}) == 200


@pytest.mark.django_db
def test_tracking_code_stored_only_as_hash_and_matched_loosely():
    case, code = domain.create_case(Kind.PETITION, {"subject": "s"})
    case.refresh_from_db()
    assert code not in case.tracking_code_hash
    assert all(code not in str(getattr(case, f.attname)) for f in Case._meta.concrete_fields)
    assert domain.find_case_for_tracking(case.number.lower(), f" {code[:5]}-{code[5:]}".lower())
    assert domain.find_case_for_tracking(case.number, "WRONGCODE") is None
    assert domain.find_case_for_tracking("P999-000001", code) is None


@pytest.mark.django_db
def test_staff_actions_write_timeline_and_audit():
    agency = _agency("397000000A")
    other = _agency("397010000A")
    case, _ = domain.create_case(Kind.PETITION, {"subject": "s"})
    actions.assign(case, agency, None)
    actions.assign(case, other, None)
    actions.add_note(case, "internal", None)
    actions.extend_deadline(case, case.deadline + datetime.timedelta(days=5), "site visit", None)
    with pytest.raises(ValidationError):
        actions.extend_deadline(case, case.deadline, "no", None)
    actions.change_status(case, Status.CLOSED, None)
    types = list(case.events.values_list("type", flat=True))
    assert types == ["received", "assignment", "assignment", "note", "extension", "status"]
    assert list(AuditLog.objects.order_by("pk").values_list("action", flat=True)) == [
        "assign", "transfer", "note", "extend", "status"]
    assert case.closed_at is not None


@pytest.mark.django_db
def test_audit_log_is_append_only():
    case, _ = domain.create_case(Kind.PETITION, {})
    actions.audit(case, None, "view")
    entry = AuditLog.objects.get()
    entry.detail = "changed"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_numbering_gives_no_duplicates():
    threads_count, per_thread = 20, 5
    numbers, errors = [], []
    barrier = threading.Barrier(threads_count)

    def submit():
        try:
            barrier.wait()
            for _ in range(per_thread):
                numbers.append(domain.create_case(Kind.COMPLAINT, {})[0].number)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    total = threads_count * per_thread
    assert len(set(numbers)) == total
    year = timezone.localtime().year - 1911
    assert sorted(numbers) == [f"C{year}-{i:06d}" for i in range(1, total + 1)]
    assert Case.objects.count() == total
    assert CaseEvent.objects.count() == total
    assert connection.vendor == "postgresql"
