"""An agency and its English translation are one agency for routing, officers and choosers."""


import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.users.models import UserProfile

from petitions import actions, domain
from petitions.models import Case, CaseEvent, Kind, OfficerGroup
from tests.factories import sign_in_verified, translated_agency
from tests.html import leading_text, parse
from tests.petitions.helpers import _officer, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_agencies(site_tree):
    """((研考會, its English row), (法制局, its English row))"""
    return (translated_agency("397040000A", "高雄市政府研究發展考核委員會",
                               "Research, Development and Evaluation Commission"),
            translated_agency("397050000A", "高雄市政府法制局", "Legal Affairs Bureau"))


def _listed(client, case):
    return case.number in client.get(reverse("cases:index")).content.decode()


def test_a_case_routed_to_the_english_row_is_seen_by_that_agencys_officers(client,
                                                                          two_agencies):
    (rdec, rdec_en), (legal, _legal_en) = two_agencies
    case, _ = domain.create_case(Kind.PETITION, {"subject": "路燈"})
    # As a case routed before this fix, or by any path that picked the English row.
    Case.objects.filter(pk=case.pk).update(agency=rdec_en)

    sign_in_verified(client, staff(_officer("rdec-officer", agency=rdec)))
    assert _listed(client, case)
    assert client.get(reverse("cases:inspect", args=[case.pk])).status_code == 200

    sign_in_verified(client, staff(_officer("legal-officer", agency=legal)))
    assert not _listed(client, case)
    assert client.get(reverse("cases:inspect", args=[case.pk])).status_code == 404


def test_an_officer_group_on_the_english_row_sees_the_agencys_cases(client, two_agencies):
    (rdec, rdec_en), _legal = two_agencies
    case, _ = domain.create_case(Kind.PETITION, {"subject": "路燈"})
    actions.assign(case, rdec, None)
    sign_in_verified(client, staff(_officer("rdec-en-officer", agency=rdec_en)))
    assert _listed(client, case)


def test_assigning_the_english_row_stores_the_canonical_row(two_agencies):
    (rdec, rdec_en), _legal = two_agencies
    case, _ = domain.create_case(Kind.PETITION, {"subject": "路燈"})
    actions.assign(case, rdec_en, None)
    case.refresh_from_db()
    assert case.agency == rdec
    assert CaseEvent.objects.get(case=case, type=CaseEvent.Type.ASSIGNMENT).agency == rdec


def _speaks(user, language):
    UserProfile.objects.filter(pk=UserProfile.get_for_user(user).pk).update(
        preferred_language=language)
    return user


def _options(html, name):
    select = parse(html).find("select", attrs={"name": name})
    return [(option["value"], option.get_text().strip()) for option in select.find_all("option")
            if option.get("value")]


@pytest.mark.parametrize(("language", "names"), [
    ("zh-hant", ["高雄市政府研究發展考核委員會", "高雄市政府法制局"]),
    ("en", ["Research, Development and Evaluation Commission", "Legal Affairs Bureau"]),
])
def test_the_case_page_offers_each_agency_once_in_the_officers_language(
        client, two_agencies, language, names):
    (rdec, _rdec_en), (legal, _legal_en) = two_agencies
    sign_in_verified(client, _speaks(staff(_officer("admin-officer", sees_all=True)), language))
    case, _ = domain.create_case(Kind.PETITION, {"subject": "路燈"})

    page = client.get(reverse("cases:inspect", args=[case.pk])).content.decode()
    assert _options(page, "agency") == [(str(rdec.pk), names[0]), (str(legal.pk), names[1])]
    listing = client.get(reverse("cases:index")).content.decode()
    assert [label for _value, label in _options(listing, "agency")] == names

    client.post(reverse("petitions_case_action", args=[case.pk]),
                {"action": "assign", "agency": legal.pk})
    case.refresh_from_db()
    assert case.agency == legal
    timeline = client.get(reverse("cases:inspect", args=[case.pk])).content.decode()
    assert f": {names[1]}" in timeline  # the assignment, named in the officer's language


def test_the_case_list_filter_finds_cases_on_either_row(client, two_agencies):
    (rdec, rdec_en), (legal, _legal_en) = two_agencies
    on_english, _ = domain.create_case(Kind.PETITION, {"subject": "路燈"})
    Case.objects.filter(pk=on_english.pk).update(agency=rdec_en)
    elsewhere, _ = domain.create_case(Kind.PETITION, {"subject": "噪音"})
    actions.assign(elsewhere, legal, None)
    sign_in_verified(client, staff(_officer("admin-officer", sees_all=True)))
    body = client.get(reverse("cases:index"), {"agency": rdec.pk}).content.decode()
    assert on_english.number in body and elsewhere.number not in body


@pytest.mark.parametrize(("language", "names"), [
    ("zh-hant", ["高雄市政府研究發展考核委員會", "高雄市政府法制局"]),
    ("en", ["Research, Development and Evaluation Commission", "Legal Affairs Bureau"]),
])
def test_the_agency_chooser_lists_each_agency_once_in_the_editors_language(
        client, two_agencies, language, names):
    """The snippet chooser behind the agency fields of pages and datasets, and the officer
    group form."""

    (rdec, _rdec_en), _legal = two_agencies
    sign_in_verified(client, _speaks(User.objects.create_superuser("root", password="pw"),
                                     language))
    chooser = client.get(reverse("wagtailsnippetchoosers_portal_agency:choose")).json()["html"]
    chosen = [leading_text(choice) for choice in
              parse(chooser).find_all(attrs={"data-chooser-modal-choice": True})]
    assert chosen == names
    assert reverse("wagtailsnippetchoosers_portal_agency:chosen", args=[rdec.pk]) in chooser
    found = client.get(reverse("wagtailsnippetchoosers_portal_agency:choose_results"),
                       {"q": "法制"}).content.decode()
    assert names[1] in found and names[0] not in found
    picked = client.get(reverse("wagtailsnippetchoosers_portal_agency:chosen", args=[rdec.pk]))
    assert picked.json()["result"]["string"] == names[0]

    group = Group.objects.create(name="研考會承辦")
    form = client.get(reverse("officer_groups:add")).content.decode()
    assert [label for _value, label in _options(form, "agency")] == names
    client.post(reverse("officer_groups:add"), {"group": group.pk, "agency": rdec.pk})
    assert OfficerGroup.objects.get(group=group).agency == rdec
    edit = client.get(reverse("officer_groups:edit", args=[OfficerGroup.objects.get().pk]))
    assert names[0] in edit.content.decode()


def test_open311_names_the_agency_whichever_row_the_case_is_on(client, two_agencies):
    """Machine interfaces answer in the default language (they sit outside the language
    prefixes), as status_notes does: an agency's one name, not its English row's."""
    (rdec, rdec_en), _legal = two_agencies
    on_chinese, _ = domain.create_case(Kind.PETITION, {"subject": "路燈"})
    actions.assign(on_chinese, rdec, None)
    on_english, _ = domain.create_case(Kind.PETITION, {"subject": "噪音"})
    Case.objects.filter(pk=on_english.pk).update(agency=rdec_en)

    answer = client.get("/open311/v2/requests.json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [item["agency_responsible"] for item in answer] == ["高雄市政府研究發展考核委員會"] * 2
    one = client.get(f"/open311/v2/requests/{on_english.number}.xml").content.decode()
    assert "<agency_responsible>高雄市政府研究發展考核委員會</agency_responsible>" in one
