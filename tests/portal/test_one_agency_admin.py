"""References are stored to an agency's canonical row, and the page editors' agency fields
offer each agency once, in the editor's language."""


import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource

from opendata.models import DatasetPage
from petitions.models import OfficerGroup
from portal.models import Agency
from tests.consumer.page_makers import consumer_index
from tests.factories import sign_in_verified, translate
from tests.html import parse
from tests.opendata.page_makers import make_dataset
from tests.portal.helpers import DEPARTMENT, LEGAL

pytestmark = pytest.mark.django_db

def test_a_translated_dataset_keeps_the_agencys_canonical_row(home, agencies):
    """wagtail-localize would point the English page at the agency's English row (and wait
    for one to exist); the reference stays on the one agency."""
    (department, _department_en), _legal = agencies
    dataset = make_dataset(home)
    translate(dataset.get_parent(), "en", title="Open data")
    source, _created = TranslationSource.get_or_create_from_instance(dataset)
    english, _created = source.create_or_update_translation(
        Locale.objects.get(language_code="en"), fallback=True)
    assert DatasetPage.objects.get(pk=english.pk).agency_id == department.pk


def test_a_reference_to_an_english_row_is_stored_to_the_canonical_row(agencies):
    (department, department_en), _legal = agencies
    scope = OfficerGroup.objects.create(group=Group.objects.create(name="行國處承辦"),
                                        agency=department_en)
    scope.refresh_from_db()
    assert scope.agency == department


@pytest.mark.parametrize(("language", "names"), [
    ("zh-hant", [DEPARTMENT[1], LEGAL[1]]), ("en", [DEPARTMENT[2], LEGAL[2]])])
def test_the_notice_editor_offers_each_partner_agency_once(client, home, agencies, language,
                                                          names):
    (department, _department_en), (legal, _legal_en) = agencies
    editor = User.objects.create_superuser("editor", password="pw")
    UserProfile.objects.filter(pk=UserProfile.get_for_user(editor).pk).update(
        preferred_language=language)
    sign_in_verified(client, editor)
    index = consumer_index(home)
    form = client.get(reverse("wagtailadmin_pages:add",
                              args=("consumer", "inspectionnoticepage", index.pk))).content.decode()
    offered = [(box["value"], str(box.next_sibling).strip()) for box in parse(form).find_all(
        "input", type="checkbox", attrs={"name": "partner_agencies"})]
    assert offered == [(str(department.pk), names[0]), (str(legal.pk), names[1])]


def test_the_agency_editor_refuses_a_code_that_differs_only_in_case_or_width(client,
                                                                            agencies):
    sign_in_verified(client, User.objects.create_superuser("editor", password="pw"))
    before = Agency.objects.count()
    for code in ("397050000a", "３９７０５００００Ａ"):
        response = client.post(
            reverse("wagtailsnippets_portal_agency:add") + "?locale=zh-hant",
            {"name": "法制局", "short_name": "", "code": code, "parent": "", "phone": "",
             "email": "", "address": ""})
        assert response.status_code == 200
        assert "此語言已有其他機關使用這個機關代碼。" in response.content.decode()
    assert Agency.objects.count() == before
