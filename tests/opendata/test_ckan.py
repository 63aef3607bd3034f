import datetime
import json

import pytest
import time_machine

from tests.opendata.helpers import call

from .page_makers import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home):
    make_dataset(home)
    make_dataset(home, identifier="gazette-issues", title="公報期數", tags=("公報",),
                 category="general-administration")


def test_package_list_and_show(client, catalogue):
    body = call(client, "package_list").json()
    assert body["success"] is True and "help" in body
    assert body["result"] == ["consumer-figures", "gazette-issues"]
    package = call(client, "package_show", id="consumer-figures", extra="ignored").json()["result"]
    assert package["title"] == "消費者服務統計"
    assert package["organization"]["name"] == "397000000a"
    assert package["license_title"] == "政府資料開放授權條款-第1版"
    assert all(resource["format"] for resource in package["resources"])
    assert package["resources"][0]["url"].startswith("http://testserver/data/resource/")
    assert call(client, "package_show", id=package["id"]).json()["result"]["name"] == \
        "consumer-figures"


def test_unversioned_path_and_post_without_csrf(client, catalogue):
    client.handler.enforce_csrf_checks = True
    response = client.post("/api/action/package_search", json.dumps({"q": "公報"}),
                           content_type="application/json")
    assert response.status_code == 200
    assert response.json()["result"]["count"] == 1


def test_package_search_fq_rows_sort_and_facets(client, catalogue):
    result = call(client, "package_search", fq="tags:公報").json()["result"]
    assert [package["name"] for package in result["results"]] == ["gazette-issues"]
    result = call(client, "package_search", rows=1, start=1, sort="name asc",
                  **{"facet.field": '["tags","res_format","organization"]'}).json()["result"]
    assert result["count"] == 2
    assert [package["name"] for package in result["results"]] == ["gazette-issues"]
    assert result["facets"]["res_format"] == {"CSV": 2}
    assert result["search_facets"]["tags"]["items"][0]["count"] == 1
    assert call(client, "package_search", rows=5000).json()["success"] is True


def test_errors_use_ckan_shapes(client, catalogue):
    missing = call(client, "package_show", id="nope")
    assert missing.status_code == 404
    assert missing.json() == {"help": missing.json()["help"], "success": False,
                              "error": {"__type": "Not Found Error", "message": "Not found"}}
    bad = call(client, "package_search", rows="many")
    assert bad.status_code == 409
    assert bad.json()["error"]["__type"] == "Validation Error"
    assert call(client, "package_show").status_code == 409
    assert call(client, "no_such_action").status_code == 404
    broken = client.post("/api/3/action/package_search", "{", content_type="application/json")
    assert broken.status_code == 409


def test_organisations_groups_tags_resources_licences_status(client, catalogue):
    assert call(client, "organization_list").json()["result"] == ["397000000a"]
    assert call(client, "organization_show", id="397000000a").json()["result"]["title"]
    assert call(client, "group_list").json()["result"] == ["consumer-protection",
                                                           "general-administration"]
    assert call(client, "group_show", id="general-administration").json()["result"][
        "package_count"] == 1
    assert call(client, "tag_list").json()["result"] == ["公報", "消費者保護"]
    package = call(client, "package_show", id="gazette-issues").json()["result"]
    resource = call(client, "resource_show", id=package["resources"][0]["id"]).json()["result"]
    assert resource["format"] == "CSV" and resource["size"] > 0
    assert call(client, "resource_show", id="x").status_code == 404
    assert call(client, "license_list").json()["result"][0]["url"] == "https://data.gov.tw/license"
    assert call(client, "status_show").json()["result"]["ckan_version"]


def test_no_trailing_slash_redirect(client, catalogue):
    assert call(client, "package_list").status_code == 200
    assert client.get("/api/3/action/package_list/").status_code == 404


@pytest.mark.parametrize("params", [
    {"sort": " "},  # no field named: the default order
    {"start": str(10**20)},  # past the end, however far
])
def test_search_takes_odd_but_valid_values(client, catalogue, params):
    response = call(client, "package_search", **params)
    assert response.status_code == 200
    assert response.json()["result"]["count"] == 2


@pytest.mark.parametrize("name, params", [
    ("package_search", {"q": 5}),
    ("package_search", {"fq": False}),
    ("package_search", {"sort": ["name"]}),
    ("package_search", {"facet.field": [{}]}),
    ("package_search", {"facet.field": {}}),
    ("package_search", {"rows": 1.5}),
    ("package_search", {"rows": "five"}),
    ("package_search", {"start": "-1"}),
    ("package_search", {"facet.limit": "1.5"}),
    ("package_list", {"offset": True}),
    ("current_package_list_with_resources", {"page": "0"}),
    ("organization_list", {"all_fields": "maybe"}),
    ("organization_show", {"id": "397000000a", "include_datasets": "sometimes"}),
    ("group_list", {"all_fields": []}),
])
def test_a_json_body_is_held_to_its_types(client, catalogue, name, params):
    response = call(client, name, method="post", **params)
    assert response.status_code == 409, response.content
    assert response.json()["error"]["__type"] == "Validation Error"


def test_booleans_are_checked_and_read_as_ckan_does(client, catalogue):
    assert call(client, "group_list", all_fields="maybe").status_code == 409
    assert call(client, "organization_list", all_fields="null").status_code == 409
    for word, whole in (("yes", True), ("True", True), ("0", False), ("", False)):
        result = call(client, "organization_list", all_fields=word).json()["result"]
        assert isinstance(result[0], dict) is whole, word
    result = call(client, "group_list", method="post", all_fields=True).json()["result"]
    assert result[0]["name"] == "consumer-protection"


def test_resource_ids_are_ascii_digits(client, catalogue):
    for wanted in ("²", "-1", str(10**20)):
        assert call(client, "resource_show", id=wanted).status_code == 404, wanted


@pytest.mark.parametrize("name, params", [
    ("package_search", {"q": "公報\x00"}), ("package_search", {"fq": "tags:\x00"}),
    ("package_show", {"id": "gazette-issues\x00"}),
])
def test_a_nul_character_is_refused_not_sent_to_the_database(client, catalogue, name, params):
    # PostgreSQL refuses NUL in text: without this check the query failed with a 500 there.
    for method in ("get", "post"):
        response = call(client, name, method=method, **params)
        assert response.status_code == 409, (method, response.content)
    body = call(client, "package_search", method="post", **{"facet.field": ["tags\x00"]})
    assert body.status_code == 409


@pytest.mark.parametrize("name, body", [
    ("package_search", '{"q": "\\ud800"}'), ("package_search", '{"fq": "tags:\\udfff"}'),
    ("package_search", '{"facet.field": ["tags\\ud800"]}'),
    ("package_search", '{"q": {"\\ud800": 1}}'),
    ("package_show", '{"id": "gazette-issues\\ud800"}'),
])
def test_a_lone_surrogate_in_a_json_body_is_a_validation_error(client, catalogue, name, body):
    # JSON's \ud800 escape decodes to text no database or encoder accepts: it was a 500.
    response = client.post(f"/api/3/action/{name}", body, content_type="application/json")
    assert response.status_code == 409, response.content
    error = response.json()["error"]
    assert error["__type"] == "Validation Error" and "surrogate" in error["message"]


def test_lone_surrogates_in_a_query_string_are_answered_not_500(client, catalogue):
    # Bytes that would decode to a lone surrogate are not UTF-8: refused before the API.
    for name, query in (("package_search", "q=%ED%A0%80"), ("package_show", "id=%ED%A0%80")):
        assert client.get(f"/api/3/action/{name}?{query}").status_code == 400, query
    # A JSON escape inside a query parameter decodes to one; unknown facet names are dropped.
    response = client.get('/api/3/action/package_search?facet.field=["tags%5Cud800"]')
    assert response.status_code == 200 and response.json()["result"]["facets"] == {}



def test_times_are_written_on_the_taipei_clock(client, home):
    """CKAN itself writes naive UTC; this API writes +08:00 as the OpenAPI description and
    every other API of the portal do: the same moment, which clients parse either way."""
    published = datetime.datetime(2026, 3, 2, 2, 15, 7, 500000, tzinfo=datetime.UTC)
    with time_machine.travel(published, tick=False):
        make_dataset(home)
    package = call(client, "package_show", id="consumer-figures").json()["result"]
    [resource] = package["resources"]
    written = [package["metadata_created"], package["metadata_modified"],
               resource["created"], resource["last_modified"],
               call(client, "resource_show", id=resource["id"]).json()["result"]["last_modified"],
               call(client, "package_search").json()["result"]["results"][0][
                   "metadata_modified"]]
    assert written == ["2026-03-02T10:15:07+08:00"] * 6
    assert datetime.datetime.fromisoformat(package["metadata_modified"]) == \
        published.replace(microsecond=0)
    extras = {extra["key"]: extra["value"] for extra in package["extras"]}
    assert extras["issued"] == extras["modified"] == "2026-03-02"  # dates stay dates
