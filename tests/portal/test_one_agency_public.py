"""Public surfaces count and name an agency once, whichever translation's row a page refers
to: the site search's agency facet, the gazette's agency filter and CKAN's organisations."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from bulletin.models import GazetteDocumentPage
from opendata.models import DatasetPage
from tests.bulletin.helpers import gazette_index, load, record
from tests.factories import translate
from tests.opendata.page_makers import make_dataset
from tests.portal.helpers import DEPARTMENT, LEGAL

pytestmark = pytest.mark.django_db


@pytest.fixture
def datasets(home, agencies):
    """Two datasets of the department, one referring to its English row (as wagtail-localize
    left translated pages), and one of the legal affairs bureau; each also in English."""
    (department, department_en), (legal, legal_en) = agencies
    first = make_dataset(home, identifier="consumer-figures", title="消費者服務統計")
    second = make_dataset(home, identifier="consumer-checks", title="消費者稽查統計")
    third = make_dataset(home, identifier="legal-figures", title="法制統計")
    DatasetPage.objects.filter(pk=third.pk).update(agency=legal)
    DatasetPage.objects.filter(pk=second.pk).update(agency=department_en)
    translate(first.get_parent(), "en", title="Open data")
    for page, title, agency in ((first, "Consumer figures statistics", department),
                                (second, "Consumer checks statistics", department_en),
                                (third, "Legal figures statistics", legal_en)):
        english = translate(DatasetPage.objects.get(pk=page.pk), "en", title=title)
        DatasetPage.objects.filter(pk=english.pk).update(agency=agency)
    return first, second, third


def _agency_options(response):
    return [(option.get("value"), option.text.strip()) for option in
            BeautifulSoup(response.content, "html.parser").select("#search-agency option")
            if option.get("value")]


@pytest.mark.parametrize(("path", "query", "names"), [
    ("/search/", "統計", DEPARTMENT[1:2] + LEGAL[1:2]),
    ("/en/search/", "statistics", DEPARTMENT[2:] + LEGAL[2:]),
])
def test_the_site_search_counts_each_agency_once_in_the_readers_language(
        client, agencies, datasets, path, query, names):
    (department, _department_en), (legal, _legal_en) = agencies
    options = _agency_options(client.get(path, {"q": query}))
    assert options == [(str(department.pk), f"{names[0]} (2)"), (str(legal.pk), f"{names[1]} (1)")]

    narrowed = client.get(path, {"q": query, "agency": department.pk}).content.decode()
    first, second, third = datasets
    if path == "/search/":
        assert first.title in narrowed and second.title in narrowed
        assert third.title not in narrowed
    else:
        assert "Consumer figures" in narrowed and "Consumer checks" in narrowed
        assert "Legal figures" not in narrowed


def test_the_gazette_filter_offers_each_agency_once(client, home, agencies):
    (department, department_en), _legal = agencies
    gazette_index(home)
    load(record(1), record(2), record(3, agency={"name": LEGAL[1], "code": LEGAL[0]}))
    moved = GazetteDocumentPage.objects.get(title="公示送達第2號處分書")
    GazetteDocumentPage.objects.filter(pk=moved.pk).update(agency=department_en)

    page = BeautifulSoup(client.get("/gazette/").content, "html.parser")
    options = [(o.get("value"), o.text.strip()) for o in page.select("#g-agency option")
               if o.get("value")]
    assert options == [(DEPARTMENT[0], f"{DEPARTMENT[1]} (2)"), (LEGAL[0], f"{LEGAL[1]} (1)")]
    text = client.get("/gazette/", {"conditions[agency][]": DEPARTMENT[0]}).content.decode()
    assert "公示送達第1號處分書" in text and "公示送達第2號處分書" in text
    assert "公示送達第3號處分書" not in text


def _ckan(client, action, **params):
    response = client.post(f"/api/3/action/{action}", json.dumps(params),
                           content_type="application/json")
    assert response.status_code == 200
    return response.json()["result"]


def test_ckan_has_one_organisation_per_agency(client, datasets):
    organisations = _ckan(client, "organization_list", all_fields=True)
    assert [(o["name"], o["title"]) for o in organisations] == [
        (DEPARTMENT[0].lower(), DEPARTMENT[1]), (LEGAL[0].lower(), LEGAL[1])]
    assert _ckan(client, "organization_show", id="397000000a")["title"] == DEPARTMENT[1]

    found = _ckan(client, "package_search", **{"facet.field": ["organization"]})
    assert found["facets"]["organization"] == {"397000000a": 2, "397050000a": 1}
    assert found["search_facets"]["organization"]["items"] == [
        {"name": "397000000a", "display_name": DEPARTMENT[1], "count": 2},
        {"name": "397050000a", "display_name": LEGAL[1], "count": 1}]
    assert {p["organization"]["title"] for p in found["results"]} == {DEPARTMENT[1], LEGAL[1]}
    narrowed = _ckan(client, "package_search", fq="organization:397000000a")
    assert narrowed["count"] == 2


@pytest.mark.parametrize(("language", "names"), [
    ("zh-hant", (DEPARTMENT[1], LEGAL[1])), ("en", (DEPARTMENT[2], LEGAL[2]))])
def test_the_catalogue_page_counts_each_agency_once(client, datasets, language, names):
    index = datasets[0].get_parent().get_translation(
        Locale.objects.get(language_code=language))
    page = BeautifulSoup(client.get(index.url).content, "html.parser")
    facet = [" ".join(link.text.split()) for link in page.select(".facets a")
             if "agency=" in link.get("href", "")]
    assert facet == [f"{names[0]} (2)", f"{names[1]} (1)"]
