"""What the demo case system must hold (run by tests/home/test_demo_content.py)."""

import csv
import datetime
import io
import re

from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from opendata.models import DatasetPage
from petitions.demo import demo_officers
from petitions.domain import overdue_q
from petitions.models import Case, OfficerGroup, Status
from petitions.permissions import visible_cases
from portal.security import two_factor
from tests.html import parse
from tests.sign_in import enrol, sign_in


def check(client):
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Case.objects.filter(overdue_q(timezone.localdate())).exists()
    assert OfficerGroup.objects.filter(sees_complaints=True).exists()
    assert Case.objects.filter(kind="petition", lat__isnull=False).exists()
    assert all(two_factor.required_for(user) for user in demo_officers())
    cases_read_as_real_ones()
    every_officer_has_cases_in_several_states()
    a_year_of_history_on_the_accountability_page(client)
    for _run in range(2):  # printed on every run, not only when the accounts are created
        out = io.StringIO()
        call_command("demo_officers", stdout=out)
        logins = re.findall(r"user: (\S+)  password: (\S+)", out.getvalue())
        assert len(logins) == OfficerGroup.objects.count()
        username, password = logins[0]
        # The printed login works, and leads to setting up two-step verification (the
        # officer's first sign-in), after which the officer sees the case admin.
        assert sign_in(client, username, password).status_code == 302
        assert client.get("/admin/cases/")["Location"].startswith("/admin/two-factor/")
        if _run == 0:
            enrol(client, next_url="/admin/cases/")
            listing = client.get("/admin/cases/")
            assert listing.status_code == 200
            # officer01 (the department's petitions) finds its own cases there.
            assert username == "officer01"
            for case in visible_cases(demo_officers().get(username="officer01")):
                assert case.number in listing.content.decode()
        client.post("/admin/logout/")


def cases_read_as_real_ones():
    """People with names, subjects from the department's work: no placeholders."""
    cases = Case.objects.select_related("complaint")
    assert cases.count() >= 60
    for case in cases:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", case.name), case.name  # 林怡君
        assert not re.search(r"示範|測試", case.name + case.subject + case.description)
        assert str(case) and len(case.description) >= 10
    assert len(set(cases.values_list("name", flat=True))) >= 30
    assert len(set(cases.filter(kind="petition").values_list("subject", flat=True))) >= 50


def every_officer_has_cases_in_several_states():
    today = timezone.localdate()
    for officer in demo_officers():
        cases = visible_cases(officer)
        states = set(cases.values_list("status", flat=True))
        assert len(states) >= 3, (officer.username, states)
        assert cases.filter(overdue_q(today)).exists(), officer.username


def a_year_of_history_on_the_accountability_page(client):
    """Cases in each of the last twelve months, most answered on time, some late, some open
    past their deadline; the page and the home page show them in both languages, and the
    open dataset has months of an agency with too few cases to give figures of."""
    today = timezone.localdate()
    months = {timezone.localtime(received).strftime("%Y-%m") for received in
              Case.objects.filter(received_at__gte=timezone.now() - datetime.timedelta(
                  days=366)).values_list("received_at", flat=True)}
    assert len(months) >= 12
    closed = Case.objects.filter(status=Status.CLOSED)
    late = closed.filter(closed_at__date__gt=F("deadline")).count()
    assert closed.count() >= 100 and 0 < late < closed.count() / 4
    assert Case.objects.filter(overdue_q(today), received_at__lt=timezone.now()
                               - datetime.timedelta(days=70)).exists()
    for url, home in (("/case-accountability/", "/"), ("/en/case-accountability/", "/en/")):
        html = parse(client.get(url).content)
        assert "%" in html.select_one("table.accountability-agencies").get_text()
        section = parse(client.get(home).content).select_one(
            "section[aria-labelledby=accountability-section]")
        assert "%" in section.get_text() and section.select_one(f"a[href='{url}']")
    dataset = DatasetPage.objects.live().filter(identifier="case-accountability").first()
    response = client.get(f"/data/resource/{dataset.resources.get(format='CSV').pk}/download")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    assert {row["received"] for row in rows} >= {"<3"}
    assert sum(row["received"].isdigit() for row in rows) > len(rows) / 2
