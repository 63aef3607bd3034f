import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from petitions.models import Case, OfficerGroup, Status
from petitions.wagtail_hooks import overdue_q
from tests.petitions.page_makers import PAGE_MAKERS

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_every_status_and_print_officer_passwords(site_tree):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Case.objects.filter(overdue_q(timezone.localdate())).exists()
    assert OfficerGroup.objects.filter(sees_complaints=True).exists()
    assert out.getvalue().count("password:") == OfficerGroup.objects.count()


def test_home_section_links_intake_pages_and_tracking(client, home):
    for make in PAGE_MAKERS.values():
        make(home)
    body = client.get("/").content.decode()
    assert "/mayor-mailbox/" in body and "/consumer-complaint/" in body
    assert "/cases/track/" in body
