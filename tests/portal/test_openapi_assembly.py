"""How /api/openapi.json is put together from the descriptions the apps register."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.openapi import STRING, ApiDescription, build, json_response


def api(tag, paths, schemas, order, note=""):
    return ApiDescription(tag=tag, title=tag.upper(), summary=f"the {tag} API", paths=paths,
                          schemas=schemas, note=note, order=order)


def operation(name):
    return {"get": {"operationId": name, "responses": {"200": json_response(STRING, name)}}}


def test_apis_come_in_their_order_with_their_paths_and_schemas_in_theirs():
    first = api("first", {"/b": operation("b"), "/a": operation("a")}, {"B": STRING, "A": STRING},
                order=10, note="First also answers elsewhere.")
    second = api("second", {"/c": operation("c")}, {"C": STRING}, order=20)
    third = api("third", {"/d": operation("d")}, {}, order=30)
    document = build([first, second, third])
    assert [tag["name"] for tag in document["tags"]] == ["first", "second", "third"]
    assert document["tags"][0]["description"] == "FIRST"
    assert list(document["paths"]) == ["/b", "/a", "/c", "/d"]
    assert list(document["components"]["schemas"]) == ["B", "A", "C"]
    assert document["info"]["description"] == (
        "The first API, the second API, and the third API. Dates are ISO 8601 with the Taipei "
        "offset (+08:00). First also answers elsewhere. Pages themselves are in the Wagtail "
        "API at /api/v2/.")
    assert build([first])["info"]["description"].startswith("The first API. Dates")


@pytest.mark.parametrize(("paths", "schemas"), [({"/a": operation("other")}, {}),
                                                ({}, {"A": STRING})])
def test_two_apis_may_not_describe_the_same_path_or_schema(paths, schemas):
    first = api("first", {"/a": operation("a")}, {"A": STRING}, order=10)
    with pytest.raises(ImproperlyConfigured, match="second"):
        build([first, api("second", paths, schemas, order=20)])


@pytest.mark.django_db
def test_the_apps_descriptions_are_assembled_in_a_stable_order(client):
    """The gazette, the CKAN actions (versioned, then unversioned) and Open311, each as its
    app registered it."""
    description = client.get("/api/openapi.json").json()
    assert [tag["name"] for tag in description["tags"]] == ["gazette", "ckan", "open311"]
    prefixes = [next(prefix for prefix in ("/api/gazette/", "/api/3/action/", "/api/action/",
                                           "/open311/v2/") if path.startswith(prefix))
                for path in description["paths"]]
    assert prefixes == sorted(prefixes, key=["/api/gazette/", "/api/3/action/", "/api/action/",
                                             "/open311/v2/"].index)
    schemas = list(description["components"]["schemas"])
    assert schemas == sorted(schemas, key=lambda name: [
        name.startswith(prefix) for prefix in ("Gazette", "Ckan", "Open311")].index(True))


def test_every_operation_names_the_servers_refusal_of_a_long_request_line(client):
    # gunicorn answers 414 before the portal sees the request; a client must expect it.
    document = build([api("first", {"/a": operation("a")}, {}, order=10)])
    assert set(document["paths"]["/a"]["get"]["responses"]) == {"200", "414"}
    served = client.get("/api/openapi.json").json()
    assert all("414" in operation["responses"]
               for operations in served["paths"].values()
               for operation in operations.values())
