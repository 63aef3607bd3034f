"""The CKAN action API as CKAN 2.10 answers: parameters as text, every field, the actions
help_show, current_package_list_with_resources and tag_list, and the site search's text
analysis in package_search."""

import datetime
import re

import pytest
import time_machine

from tests.opendata.helpers import (
    CKAN_ORGANIZATION,
    CKAN_ORGANIZATION_LISTED,
    CKAN_TAG,
    assert_ckan_package,
    assert_ckan_types,
    call,
)

from .page_makers import make_dataset

pytestmark = pytest.mark.django_db

FIRST = datetime.datetime(2026, 3, 2, 2, 0, tzinfo=datetime.UTC)
SECOND = datetime.datetime(2026, 4, 1, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def catalogue(home):
    """consumer-figures published first, gazette-issues a month later."""
    with time_machine.travel(FIRST, tick=False):
        make_dataset(home)
    with time_machine.travel(SECOND, tick=False):
        gazette = make_dataset(home, identifier="gazette-issues", title="公報期數",
                               tags=("公報",), category="general-administration")
        gazette.description, gazette.title_en = "高雄市政府公報各期", "Gazette issues"
        gazette.save_revision().publish()


def form_post(client, name, **params):
    return client.post(f"/api/3/action/{name}", params)


def urlencoded_post(client, name, **params):
    body = "&".join(f"{key}={value}" for key, value in params.items())
    return client.post(f"/api/3/action/{name}", body,
                       content_type="application/x-www-form-urlencoded")


def json_post(client, name, **params):
    return call(client, name, method="post", **params)


def get(client, name, **params):
    return call(client, name, **params)


SENDERS = [get, form_post, urlencoded_post, json_post]


@pytest.mark.parametrize("send", SENDERS)
def test_numbers_and_booleans_may_be_text_however_sent(client, catalogue, send):
    """`ckanapi action package_search rows=5` sends {"rows": "5"}: CKAN's int_validator and
    boolean_validator read text, so every way of sending parameters does."""
    result = send(client, "package_search", rows="1", start=" 1 ", sort="name asc").json()
    assert result["success"] is True, result
    assert [package["name"] for package in result["result"]["results"]] == ["gazette-issues"]
    assert send(client, "package_list", limit="1", offset="1").json()["result"] == [
        "gazette-issues"]
    assert send(client, "current_package_list_with_resources", limit="1",
                page="2").json()["result"][0]["name"] == "consumer-figures"
    for word, whole in (("True", True), ("t", True), ("1", True), ("false", False),
                        ("N", False)):
        listed = send(client, "organization_list", all_fields=word).json()["result"]
        assert isinstance(listed[0], dict) is whole, word
    shown = send(client, "organization_show", id="397000000a", include_datasets="yes")
    assert len(shown.json()["result"]["packages"]) == 2


@pytest.mark.parametrize("send", SENDERS)
def test_bad_numbers_and_booleans_are_validation_errors(client, catalogue, send):
    for name, params, message in (
            ("package_search", {"rows": "five"}, "rows: Invalid integer"),
            ("package_search", {"start": "-1"}, "start: Must be a natural number"),
            ("package_list", {"limit": "1.5"}, "limit: Invalid integer"),
            ("current_package_list_with_resources", {"page": "0"},
             "page: Must be a positive integer"),
            ("organization_list", {"all_fields": "maybe"}, "all_fields: Invalid boolean")):
        response = send(client, name, **params)
        assert response.status_code == 409, (name, params)
        assert response.json()["error"] == {"__type": "Validation Error", "message": message}


def test_a_json_body_may_also_give_numbers_as_numbers(client, catalogue):
    result = json_post(client, "package_search", rows=1.0, start=1, sort="name asc").json()
    assert [package["name"] for package in result["result"]["results"]] == ["gazette-issues"]
    assert json_post(client, "package_search", rows=1.5).status_code == 409
    assert json_post(client, "package_search", rows=-1).status_code == 409
    assert json_post(client, "package_search", rows=" ").json()["result"]["count"] == 2


def test_every_field_ckan_gives_with_its_type(client, catalogue):
    package = get(client, "package_show", id="consumer-figures").json()["result"]
    assert_ckan_package(package)
    assert package["metadata_created"] == "2026-03-02T10:00:00+08:00"
    assert package["creator_user_id"] is None and package["isopen"] is True
    [resource] = package["resources"]
    assert resource["package_id"] == package["id"]
    assert resource["created"] and resource["size"] > 0 and resource["mimetype"] == "text/csv"
    assert resource["cache_url"] is None and resource["resource_type"] is None
    [group] = package["groups"]
    assert group["name"] == "consumer-protection"
    assert package["organization"]["created"] == "2026-03-02T10:00:00+08:00"
    for found in get(client, "package_search").json()["result"]["results"]:
        assert_ckan_package(found)
    assert get(client, "resource_show", id=resource["id"]).json()["result"] == resource


def test_tag_ids_are_stable_and_shared(client, catalogue, home):
    make_dataset(home, identifier="more-figures", tags=("消費者保護",))
    ids = {tag["id"] for name in ("consumer-figures", "more-figures")
           for tag in get(client, "package_show", id=name).json()["result"]["tags"]}
    assert len(ids) == 1
    listed = get(client, "tag_list", all_fields="true").json()["result"]
    assert {tag["name"]: tag["id"] for tag in listed}["消費者保護"] in ids


def test_organizations_as_ckan_gives_them(client, catalogue):
    [listed] = get(client, "organization_list", all_fields="true").json()["result"]
    assert_ckan_types(listed, CKAN_ORGANIZATION_LISTED)
    assert listed["package_count"] == 2 and listed["created"] == "2026-03-02T10:00:00+08:00"
    shown = get(client, "organization_show", id="397000000A").json()["result"]
    assert_ckan_types(shown, CKAN_ORGANIZATION)
    assert "packages" not in shown
    assert shown["package_count"] == 2 and shown["groups"] == []
    with_datasets = get(client, "organization_show", id="397000000a",
                        include_datasets="true").json()["result"]
    # Most recently modified first, as CKAN's package_search orders them.
    assert [package["name"] for package in with_datasets["packages"]] == [
        "gazette-issues", "consumer-figures"]
    for package in with_datasets["packages"]:
        assert_ckan_package(package)
    bare = get(client, "organization_show", id="397000000a", include_dataset_count="false",
               include_tags="false", include_groups="false",
               include_extras="false").json()["result"]
    assert not {"package_count", "tags", "groups", "extras"} & set(bare)
    assert get(client, "organization_show", id="nope").status_code == 404


def test_help_show_answers_the_help_url_of_every_response(client, catalogue):
    for name, params in (("package_search", {"rows": "1"}), ("tag_list", {}),
                         ("current_package_list_with_resources", {})):
        body = get(client, name, **params).json()
        helped = client.get(body["help"]).json()
        assert helped["success"] is True, name
        assert isinstance(helped["result"], str) and ":param" in helped["result"], name
    help_show = "/api/3/action/help_show"
    assert ":param rows:" in client.get(help_show, {"name": "package_search"}).json()["result"]
    unknown = client.get(help_show, {"name": "package_create"})
    assert unknown.status_code == 404
    assert unknown.json()["error"] == {"__type": "Not Found Error",
                                       "message": "Not found: Action function not found"}
    assert client.get(help_show).status_code == 409


def test_current_package_list_with_resources_pages_as_ckan(client, catalogue):
    newest_first = get(client, "current_package_list_with_resources").json()["result"]
    assert [package["name"] for package in newest_first] == ["gazette-issues",
                                                             "consumer-figures"]
    assert all(package["resources"] for package in newest_first)
    for package in newest_first:
        assert_ckan_package(package)
    names = {params: [package["name"] for package in get(
        client, "current_package_list_with_resources", **dict(params)).json()["result"]]
        for params in ((("limit", "1"),), (("limit", "1"), ("offset", "1")),
                       (("limit", "1"), ("page", "2")),
                       (("limit", "1"), ("page", "2"), ("offset", "0")),
                       (("limit", "0"),))}
    assert names == {
        (("limit", "1"),): ["gazette-issues"],
        (("limit", "1"), ("offset", "1")): ["consumer-figures"],
        (("limit", "1"), ("page", "2")): ["consumer-figures"],
        # offset wins over the deprecated page
        (("limit", "1"), ("page", "2"), ("offset", "0")): ["gazette-issues"],
        (("limit", "0"),): [],
    }


def test_tag_list_query_all_fields_and_vocabularies(client, catalogue):
    assert get(client, "tag_list").json()["result"] == ["公報", "消費者保護"]
    # Simplified or full-width queries find the Traditional tag, as the site search does.
    assert get(client, "tag_list", query="消费").json()["result"] == ["消費者保護"]
    assert get(client, "tag_list", q="公报").json()["result"] == ["公報"]
    for tag in get(client, "tag_list", all_fields="1").json()["result"]:
        assert_ckan_types(tag, CKAN_TAG)
    missing = get(client, "tag_list", vocabulary_id="genres")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "Not found: could not find vocabulary 'genres'"
    assert get(client, "tag_list", vocabulary_id="genres", query="公").json()["result"] == []


@pytest.mark.parametrize("q, found", [
    ("消费", ["consumer-figures"]),  # Simplified finds Traditional
    ("消費者", ["consumer-figures"]),
    ("ＣＯＮＳＵＭＥＲ", ["consumer-figures"]),  # full-width folded, English stemmed
    ("公报", ["gazette-issues"]),
    ("消者", []),  # characters apart are not the word
])
def test_package_search_analyses_text_as_the_site_search(client, catalogue, q, found):
    for send in (get, json_post):
        result = send(client, "package_search", q=q).json()["result"]
        assert sorted(package["name"] for package in result["results"]) == found, send


def test_package_search_finds_a_tag_written_in_simplified(client, catalogue, home):
    make_dataset(home, identifier="traffic", title="路口統計", tags=("交通號誌",))
    result = get(client, "package_search", q="交通号志").json()["result"]
    assert [package["name"] for package in result["results"]] == ["traffic"]


def test_facet_limit_and_mincount(client, catalogue):
    facets = {"facet.field": '["groups"]'}
    search = get(client, "package_search", **facets).json()["result"]
    assert search["facets"]["groups"] == {"consumer-protection": 1, "general-administration": 1}
    limited = get(client, "package_search", **facets, **{"facet.limit": "1"}).json()["result"]
    assert len(limited["search_facets"]["groups"]["items"]) == 1
    unlimited = get(client, "package_search", **facets, **{"facet.limit": "-1"}).json()
    assert len(unlimited["result"]["facets"]["groups"]) == 2
    counted = get(client, "package_search", **facets, **{"facet.mincount": "2"}).json()
    assert counted["result"]["facets"]["groups"] == {}


def test_listings_keep_their_number_of_queries(client, catalogue, home,
                                               django_assert_max_num_queries):
    listings = [("current_package_list_with_resources", {}),
                ("package_search", {"q": "消费"}),
                ("organization_show", {"id": "397000000a", "include_datasets": "true"})]
    few = {}
    for name, params in listings:
        with django_assert_max_num_queries(40) as captured:
            get(client, name, **params)
        few[name] = len(captured.captured_queries)
    for number in range(3):
        make_dataset(home, identifier=f"figures-{number}", tags=(f"標籤{number}",))
    for name, params in listings:
        with django_assert_max_num_queries(few[name]):
            assert len(get(client, name, **params).json()["result"]) > 0


def test_a_huge_page_is_past_the_end_not_a_database_error(client, catalogue):
    # page × limit overflowed the database's OFFSET: a 500 on SQLite and PostgreSQL.
    for send in (get, json_post):
        response = send(client, "current_package_list_with_resources", limit="50989464790601",
                        page="19155489")
        assert response.status_code == 200 and response.json()["result"] == [], send


def test_tag_list_checks_q_even_beside_query(client, catalogue):
    response = json_post(client, "tag_list", query="公", q=[])
    assert response.status_code == 409
    assert "q" in response.json()["error"]["message"]


@pytest.mark.parametrize("blank", ["\x85", "\x1c", " \t"])
def test_the_description_reads_blank_numbers_as_the_api_does(client, catalogue, blank):
    # Blank text is a parameter not given, with blank as Python's str.strip (CKAN's int())
    # reads it; the described pattern must say the same, or fuzzers call it a refusal.
    response = get(client, "current_package_list_with_resources", offset=blank)
    assert response.status_code == 200
    described = client.get("/api/openapi.json").json()["paths"][
        "/api/3/action/current_package_list_with_resources"]["get"]["parameters"]
    [offset] = [parameter for parameter in described if parameter["name"] == "offset"]
    patterns = [option["pattern"] for option in offset["schema"]["anyOf"] if "pattern" in option]
    # \s read as narrowly as any regex dialect reads it (ASCII), which lacks \x85 and \x1c.
    assert any(re.fullmatch(pattern, blank, re.ASCII) for pattern in patterns)
