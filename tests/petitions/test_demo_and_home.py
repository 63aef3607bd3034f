import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from petitions.domain import overdue_q
from petitions.models import Case, OfficerGroup, Status
from tests.petitions.page_makers import PAGE_MAKERS

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_every_status_and_officers_can_always_sign_in(site_tree, client):
    call_command("load_demo_content", stdout=io.StringIO())
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Case.objects.filter(overdue_q(timezone.localdate())).exists()
    assert OfficerGroup.objects.filter(sees_complaints=True).exists()
    for _run in range(2):  # printed on every run, not only when the accounts are created
        out = io.StringIO()
        call_command("demo_officers", stdout=out)
        logins = re.findall(r"user: (\S+)  password: (\S+)", out.getvalue())
        assert len(logins) == OfficerGroup.objects.count()
        username, password = logins[0]
        assert client.login(username=username, password=password)


def test_home_section_links_intake_pages_and_tracking(client, home):
    for make in PAGE_MAKERS.values():
        make(home)
    body = client.get("/").content.decode()
    assert "/mayor-mailbox/" in body and "/consumer-complaint/" in body
    assert "/cases/track/" in body
