import datetime
import os
import re
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from petitions import actions, domain
from petitions.models import Attachment, AuditLog, Case, Kind, Stage, Status
from petitions.permissions import visible_cases
from petitions.statistics import monthly_case_statistics
from tests.factories import sign_in_verified
from tests.petitions.helpers import _agency, _officer, track

pytestmark = pytest.mark.django_db
TPE = zoneinfo.ZoneInfo("Asia/Taipei")


def test_tracking_shows_public_events_only(client, site_tree):
    agency = _agency("397000000A")
    case, code = domain.create_case(Kind.PETITION, {"subject": "s"})
    actions.assign(case, agency, None)
    actions.add_note(case, "SECRET INTERNAL NOTE", None)
    actions.extend_deadline(case, case.deadline + datetime.timedelta(days=7), "需要會勘", None)
    actions.reply(case, "已修復路燈", None)
    response = track(client, case.number, code)
    body = response.content.decode()
    assert response.status_code == 200
    assert "SECRET INTERNAL NOTE" not in body
    for shown in ("已修復路燈", "需要會勘", agency.name, case.number):
        assert shown in body


def test_wrong_code_and_unknown_number_answer_identically(client, site_tree):
    case, code = domain.create_case(Kind.PETITION, {"subject": "s"})
    wrong = track(client, case.number, "AAAAAAAAAA")
    unknown = track(client, "P999-000001", code)
    assert wrong.status_code == unknown.status_code == 404

    def strip(response, number):
        # The CSRF token is masked afresh on every render; everything else must match.
        body = response.content.decode().replace(number, "")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)

    assert strip(wrong, case.number) == strip(unknown, "P999-000001")


def test_tracking_is_rate_limited(client, site_tree, settings):
    settings.PETITIONS_TRACK_LIMIT = 3
    for _ in range(3):
        assert track(client, "P113-000001", "X").status_code == 404
    assert track(client, "P113-000001", "X").status_code == 429


def test_per_agency_visibility():
    a, b = _agency("397000000A"), _agency("397010000A")
    in_a, _ = domain.create_case(Kind.PETITION, {}, )
    actions.assign(in_a, a, None)
    in_b, _ = domain.create_case(Kind.PETITION, {})
    actions.assign(in_b, b, None)
    complaint, _ = domain.create_case(Kind.COMPLAINT, {"stage": Stage.FIRST})
    officer_a = _officer("a", agency=a)
    consumer = _officer("consumer", sees_complaints=True)
    admin = _officer("admin", sees_all=True)
    nobody = User.objects.create_user("nobody")
    assert set(visible_cases(officer_a)) == {in_a}
    assert set(visible_cases(consumer)) == {complaint}
    assert set(visible_cases(admin)) == {in_a, in_b, complaint}
    assert not visible_cases(nobody).exists()


def test_attachment_served_only_to_permitted_staff(client, settings, tmp_path):
    settings.PETITIONS_PRIVATE_ROOT = str(tmp_path)
    a, b = _agency("397000000A"), _agency("397010000A")
    case, _ = domain.create_case(Kind.PETITION, {})
    actions.assign(case, a, None)
    item = Attachment.objects.create(case=case, file=ContentFile(b"%PDF-1.4", name="x.pdf"),
                                     original_name="x.pdf", content_type="application/pdf",
                                     size=8)
    url = reverse("petitions_files:attachment", args=[item.pk])
    assert client.get(url).status_code == 404
    sign_in_verified(client, _officer("b", agency=b))
    assert client.get(url).status_code == 404
    sign_in_verified(client, _officer("a", agency=a))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4"
    assert AuditLog.objects.filter(action="download", case_number=case.number).exists()


def _closed_case(kind, received, closed, deadline_days=None, **fields):
    case, _ = domain.create_case(kind, fields, received)
    case.status = Status.CLOSED
    case.closed_at = closed
    case.save()
    return case


def test_monthly_statistics_contract():
    agency = _agency("397000000A")
    on_time = _closed_case(Kind.COMPLAINT, datetime.datetime(2024, 6, 3, tzinfo=TPE),
                           datetime.datetime(2024, 6, 10, tzinfo=TPE), stage=Stage.FIRST)
    late = _closed_case(Kind.COMPLAINT, datetime.datetime(2024, 6, 4, tzinfo=TPE),
                        datetime.datetime(2024, 7, 30, tzinfo=TPE), stage=Stage.FIRST)
    for case in (on_time, late):
        Case.objects.filter(pk=case.pk).update(agency=agency)
    domain.create_case(Kind.PETITION, {}, datetime.datetime(2024, 7, 1, 12, tzinfo=TPE))
    rows = monthly_case_statistics()
    assert rows == [
        {"month": "2024-06", "kind": "complaint", "stage": "first", "status": "closed",
         "agency_code": "397000000A", "received": 2, "closed": 2, "closed_on_time": 1},
        {"month": "2024-07", "kind": "petition", "stage": None, "status": "received",
         "agency_code": None, "received": 1, "closed": 0, "closed_on_time": 0},
    ]
    assert len(monthly_case_statistics(start=datetime.date(2024, 7, 1))) == 1


def test_anonymise_cases_command(capsys, settings, tmp_path):
    settings.PETITIONS_PRIVATE_ROOT = str(tmp_path)
    now = timezone.now()
    old = _closed_case(Kind.PETITION, now - datetime.timedelta(days=6 * 366),
                       now - datetime.timedelta(days=5 * 366), name="王小明",
                       email="m@example.com", description="我家住址", subject="s")
    actions.add_note(old, "note with phone 0912", None)
    item = Attachment.objects.create(case=old, file=ContentFile(b"%PDF", name="a.pdf"),
                                     original_name="a.pdf", content_type="application/pdf",
                                     size=4)
    path = item.file.path
    recent = _closed_case(Kind.PETITION, now - datetime.timedelta(days=400),
                          now - datetime.timedelta(days=300), name="李大同")
    before = monthly_case_statistics()
    call_command("anonymise_cases")
    assert "Anonymised 1 case(s)" in capsys.readouterr().out
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email, old.description) == ("", "", "")
    assert old.anonymised_at and not old.attachments.exists()
    assert not old.events.exclude(text="").exists()
    assert not os.path.exists(path)
    assert recent.name == "李大同"
    assert monthly_case_statistics() == before
    call_command("anonymise_cases")
    assert "Anonymised 0 case(s)" in capsys.readouterr().out
