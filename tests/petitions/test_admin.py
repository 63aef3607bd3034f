import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from petitions import actions, domain
from petitions.export import neutralise_formula
from petitions.models import AuditLog, Case, DeadlinePolicy, Kind
from tests.factories import sign_in_verified
from tests.petitions.helpers import _agency, _officer, petition_data, staff, track, tracking_code

pytestmark = pytest.mark.django_db
PAYLOAD = '<script>alert("x")</script><b>bold</b>'


@pytest.fixture
def cases():
    a, b = _agency("397000000A"), _agency("397010000A")
    in_a, _ = domain.create_case(Kind.PETITION, {"subject": "=HYPERLINK(\"http://x\")"})
    actions.assign(in_a, a, None)
    in_b, _ = domain.create_case(Kind.PETITION, {"subject": "高雄路燈"})
    actions.assign(in_b, b, None)
    return a, b, in_a, in_b


def test_neutralise_formula():
    assert [neutralise_formula(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "ok", 5)] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "ok", 5]


def test_officer_lists_and_inspects_only_own_agency(client, cases):
    a, b, in_a, in_b = cases
    sign_in_verified(client, staff(_officer("officer-a", agency=a)))
    listing = client.get(reverse("cases:index"))
    assert listing.status_code == 200
    assert in_a.number in listing.content.decode() and in_b.number not in listing.content.decode()
    assert client.get(reverse("cases:inspect", args=[in_a.pk])).status_code == 200
    assert client.get(reverse("cases:inspect", args=[in_b.pk])).status_code == 404
    logged = AuditLog.objects.filter(username="officer-a")
    assert {"list", "view"} <= set(logged.values_list("action", flat=True))
    assert client.get(reverse("case_audit:index")).status_code in (302, 403)


def test_chinese_search_and_filters(client, cases):
    a, b, in_a, in_b = cases
    sign_in_verified(client, User.objects.create_superuser("root", password="pw"))
    body = client.get(reverse("cases:index"), {"q": "路燈"}).content.decode()
    assert in_b.number in body and in_a.number not in body
    body = client.get(reverse("cases:index"), {"agency": a.pk}).content.decode()
    assert in_a.number in body and in_b.number not in body
    body = client.get(reverse("cases:index"), {"overdue": "true"}).content.decode()
    assert in_a.number not in body


def test_csv_export_neutralises_formulas(client, cases):
    sign_in_verified(client, User.objects.create_superuser("root", password="pw"))
    response = client.get(reverse("cases:index"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    subjects = {row[8] for row in rows[1:]}
    assert '\'=HYPERLINK("http://x")' in subjects and "高雄路燈" in subjects
    assert AuditLog.objects.filter(action="export").exists()


def test_actions_from_case_page_and_reply_email(client, cases):
    a, b, in_a, _ = cases
    in_a.email = "c@example.com"
    in_a.save()
    sign_in_verified(client, staff(_officer("officer-a", agency=a)))
    url = reverse("petitions_case_action", args=[in_a.pk])
    client.post(url, {"action": "note", "text": "內部"})
    client.post(url, {"action": "reply", "text": "回覆內容"})
    client.post(url, {"action": "assign", "agency": b.pk})
    assert list(in_a.events.values_list("type", flat=True))[-3:] == ["note", "reply",
                                                                      "assignment"]
    assert len(mail.outbox) == 1 and "回覆內容" in mail.outbox[0].body
    # Transferred away: the officer no longer reaches it.
    assert client.post(url, {"action": "note", "text": "x"}).status_code == 404


def test_audit_log_cannot_be_edited_or_deleted_in_admin(client, cases):
    actions.audit(cases[2], None, "view")
    entry = AuditLog.objects.first()
    sign_in_verified(client, User.objects.create_superuser("root", password="pw"))
    assert client.get(reverse("case_audit:index")).status_code == 200
    assert client.get(reverse("case_audit:edit", args=[entry.pk])).status_code in (302, 403)
    client.post(reverse("case_audit:delete", args=[entry.pk]))
    assert AuditLog.objects.filter(pk=entry.pk).exists()


def test_payloads_are_escaped_everywhere(client, petition_page):
    data = petition_data(subject=PAYLOAD, description=PAYLOAD, name=PAYLOAD)
    confirmation = client.post(petition_page.url, data, follow=True).content.decode()
    assert PAYLOAD not in confirmation and "&lt;script&gt;" in confirmation
    case = Case.objects.get()
    code = tracking_code(confirmation)
    actions.reply(case, PAYLOAD, None)
    tracking = track(client, case.number, code).content.decode()
    assert PAYLOAD not in tracking and "&lt;script&gt;" in tracking
    sign_in_verified(client, User.objects.create_superuser("root", password="pw"))
    for url in (reverse("cases:index"), reverse("cases:inspect", args=[case.pk])):
        body = client.get(url).content.decode()
        assert PAYLOAD not in body
    # The e-mails are plain text only, so nothing in them can run; the text reads as typed,
    # without HTML entities.
    assert all(not message.alternatives for message in mail.outbox)
    assert case.number in mail.outbox[0].subject
    assert PAYLOAD not in mail.outbox[0].body  # the receipt quotes nothing the citizen typed
    assert PAYLOAD in mail.outbox[-1].body and "&lt;" not in mail.outbox[-1].body
    assert PAYLOAD in mail.outbox[-1].body and "&quot;" not in mail.outbox[-1].body


def _row(body, number):
    return next(row for row in BeautifulSoup(body, "html.parser").select("tbody tr")
                if number in row.get_text())


def test_deadlines_are_tagged_in_the_list_and_counted_on_the_dashboard(client, cases):
    a, b, late, soon = cases
    today = timezone.localdate()
    Case.objects.filter(pk=late.pk).update(deadline=today - datetime.timedelta(days=1))
    Case.objects.filter(pk=soon.pk).update(deadline=today + datetime.timedelta(days=2))
    DeadlinePolicy.objects.filter(kind=Kind.PETITION).update(near_days=1)
    sign_in_verified(client, User.objects.create_superuser("root", password="pw"))

    body = client.get(reverse("cases:index")).content.decode()
    assert "已逾期" in _row(body, late.number).get_text()
    assert "即將到期" not in _row(body, soon.number).get_text()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 件已逾期" in dashboard
    assert "0 件即將到期" in dashboard

    DeadlinePolicy.objects.filter(kind=Kind.PETITION).update(near_days=3)
    body = client.get(reverse("cases:index")).content.decode()
    assert "即將到期" in _row(body, soon.number).get_text()
    assert "1 件即將到期" in client.get(reverse("wagtailadmin_home")).content.decode()
    listed = client.get(reverse("cases:index"), {"due_soon": "true"}).content.decode()
    assert soon.number in listed and late.number not in listed
