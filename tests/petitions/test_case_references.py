"""Cases stay out of Wagtail's reference index: an editor who may change an agency sees
where its pages and snippets use it, never which citizens' cases were routed to it, and a
submission does not pay for recording references nobody may list."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.models import Locale, ReferenceIndex

from petitions import actions
from petitions.models import Case
from portal.models import Agency
from tests.factories import sign_in_verified
from tests.html import parse
from tests.petitions.helpers import petition_data

pytestmark = pytest.mark.django_db


def test_an_agencys_usage_lists_no_case_routed_to_it(client, petition_page,
                                                     django_capture_on_commit_callbacks):
    assert client.post(petition_page.url, petition_data()).status_code == 302
    chief = User.objects.create_superuser("chief", "chief@example.test", "x")
    agency = Agency.objects.create(name="研考會", code="397000000A", locale=Locale.get_default())
    case = Case.objects.get()
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail records references then
        actions.assign(case, agency, chief)
    sign_in_verified(client, chief)
    usage = client.get(reverse("wagtailsnippets_portal_agency:usage", args=[agency.pk]))
    assert usage.status_code == 200
    listing = parse(usage).select_one("main table")
    assert listing is None or "案件" not in listing.get_text(), "no case in the usage listing"
    assert not ReferenceIndex.get_references_to(agency).exists()

