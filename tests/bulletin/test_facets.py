"""/api/gazette/documents/facets/{type|agency|year}: the search's counts, as the Federal
Register API's /documents/facets/{facet} gives them."""

import pytest

from bulletin.models import GazetteDocumentPage
from portal.models import Agency
from tests.bulletin.helpers import gazette_index, load, record
from tests.factories import translate

LEGAL = {"name": "高雄市政府法制局", "code": "397000100A"}


@pytest.fixture
def documents(home):
    gazette_index(home)
    report = load(
        record(1, title="高雄市機關車輛管理要點", type="行政規則", subtype=None,
               title_en="Vehicle management rules"),
        record(2, title="消費者保護稽查結果公告", subtype="公告", agency=LEGAL),
        record(3, title="公示送達處分書", issue=(113, "秋", 1, "2024-07-03")),
        record(4, title="公示送達去年的處分書", issue=(112, "冬", 2, "2023-12-20")),
        record(5, title="撤回的公告", subtype="公告", agency=LEGAL),
    )
    assert not report.errors
    return report.pages


def facet(client, name, query=""):
    response = client.get(f"/api/gazette/documents/facets/{name}?{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_each_facet_counts_the_public_documents_per_value(client, home, documents):
    GazetteDocumentPage.objects.get(title="撤回的公告").unpublish()

    assert facet(client, "type") == {
        "公告": {"count": 3, "name": "公告", "name_en": "Announcements"},
        "行政規則": {"count": 1, "name": "行政規則", "name_en": "Administrative rules"},
    }
    assert facet(client, "agency") == {
        "397000000A": {"count": 3, "name": "高雄市政府行政暨國際處", "name_en": None},
        "397000100A": {"count": 1, "name": "高雄市政府法制局", "name_en": None},
    }
    years = facet(client, "year")
    assert years == {"2024": {"count": 3, "name": "2024", "name_en": "2024"},
                     "2023": {"count": 1, "name": "2023", "name_en": "2023"}}
    assert list(years) == ["2024", "2023"]  # most documents first


def test_a_value_is_what_the_search_takes_back_as_a_condition(client, documents):
    """Each facet's keys, given back as the search's condition, find as many as counted."""
    conditions = {"type": "conditions[type][]", "agency": "conditions[agency][]",
                  "year": "conditions[publication_date][year]"}
    for name, condition in conditions.items():
        for value, counted in facet(client, name).items():
            search = client.get("/api/gazette/documents.json", {condition: value}).json()
            assert search["count"] == counted["count"], (name, value)


def test_facets_take_the_search_conditions(client, documents):
    assert facet(client, "agency", "conditions[type][]=公告&conditions[publication_date]"
                                   "[year]=2024") == {
        "397000100A": {"count": 2, "name": "高雄市政府法制局", "name_en": None},
        "397000000A": {"count": 1, "name": "高雄市政府行政暨國際處", "name_en": None},
    }
    assert facet(client, "year", "conditions[term]=vehicle") == {
        "2024": {"count": 1, "name": "2024", "name_en": "2024"}}
    assert facet(client, "type", "conditions[issue]=113-秋-1") == {
        "公告": {"count": 1, "name": "公告", "name_en": "Announcements"}}
    assert facet(client, "type", "conditions[issue]=113-冬-9") == {}
    # Paging and fields do not change counts.
    assert facet(client, "year", "per_page=1&page=3") == facet(client, "year")


def test_english_names_and_translations_counted_once(client, home, home_en, documents):
    legal = Agency.objects.get(code="397000100A")
    english = legal.copy_for_translation(home_en.locale)
    english.name = "Legal Affairs Bureau"
    english.save()
    # A document translated into English is still one document of the gazette.
    document = GazetteDocumentPage.objects.get(title="消費者保護稽查結果公告")
    translate(document.get_parent().get_parent(), "en", title="City Gazette")
    translate(document.get_parent(), "en")
    translate(document, "en")
    assert facet(client, "agency")["397000100A"] == {
        "count": 2, "name": "高雄市政府法制局", "name_en": "Legal Affairs Bureau"}


@pytest.mark.parametrize("query, parameter", [
    ("conditions[publication_date][year]=twenty", "conditions[publication_date][year]"),
    ("conditions[issue]=113-summer-5", "conditions[issue]"),
    ("conditions[publication_date][gte]=06/05", "conditions[publication_date][gte]"),
    ("conditions[term]=a%00b", "conditions[term]"),
])
def test_bad_conditions_get_the_searchs_400(client, documents, query, parameter):
    search = client.get(f"/api/gazette/documents.json?{query}")
    response = client.get(f"/api/gazette/documents/facets/type?{query}")
    assert response.status_code == search.status_code == 400
    assert response.json() == search.json()
    assert parameter in response.json()["errors"]


@pytest.mark.parametrize("name", ["topic", "daily", "TYPE", "type.json", "%E9%A1%9E"])
def test_an_unknown_facet_is_a_404_naming_the_facets(client, documents, name):
    response = client.get(f"/api/gazette/documents/facets/{name}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    message = response.json()["errors"]["facet"]
    assert all(known in message for known in ("type", "agency", "year"))


def test_facets_answer_get_only(client, documents):
    assert client.post("/api/gazette/documents/facets/type").status_code == 405


@pytest.mark.parametrize("name", ["type", "agency", "year"])
def test_a_constant_number_of_queries(client, home, name, django_assert_max_num_queries):
    gazette_index(home)
    load(record(1))
    client.get(f"/api/gazette/documents/facets/{name}?conditions[term]=公示送達")  # warm up
    with django_assert_max_num_queries(8):
        few = client.get(f"/api/gazette/documents/facets/{name}?conditions[term]=公示送達")
    load(*[record(n, issue=(113, "秋", n % 3 + 1, f"2024-07-0{n % 3 + 1}"), subtype=sub,
                  agency={"name": f"機關{n % 4}", "code": f"39700000{n % 4}A"})
           for n in range(2, 30) for sub in ["公示送達" if n % 2 else "公告"]])
    with django_assert_max_num_queries(8):
        many = client.get(f"/api/gazette/documents/facets/{name}?conditions[term]=公示送達")
    assert sum(value["count"] for value in many.json().values()) > sum(
        value["count"] for value in few.json().values())


def test_refusals_follow_the_clients_language(client, documents):
    chinese = client.get("/api/gazette/documents/facets/nope").json()["errors"]["facet"]
    english = client.get("/api/gazette/documents/facets/nope",
                         HTTP_ACCEPT_LANGUAGE="en").json()["errors"]["facet"]
    by_parameter = client.get("/api/gazette/documents/facets/nope?locale=en",
                              HTTP_ACCEPT_LANGUAGE="zh-TW").json()["errors"]["facet"]
    assert english == by_parameter != chinese
    assert not any("\u4e00" <= character <= "\u9fff" for character in english)
