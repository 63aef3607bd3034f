"""The OpenAPI 3.1 description of the portal's own machine interfaces, served at
/api/openapi.json: the gazette API, the CKAN action API subset and Open311 GeoReport v2.

It describes what the views really answer, status codes and error bodies included, because
schemathesis checks the live APIs against it (tests/portal/test_openapi.py and
bench/openapi_fuzz.py): a change to an API that is not made here too fails the suite.
Enumerations come from the apps' own constants, so they cannot drift apart."""

import re
from functools import cache

from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

OPENAPI_VERSION = "3.1.0"

STRING = {"type": "string"}
URI = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
DATE_TIME = {"type": "string", "format": "date-time"}
COUNT = {"type": "integer", "minimum": 0}


def _nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def _or_empty(schema):
    """Query parameters that HTML forms also send: an empty value means the parameter is
    absent."""
    return {"anyOf": [schema, {"const": ""}]}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties, required=None, **extra):
    """A closed object: every property listed, none missing unless `required` says so."""
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required,
            "additionalProperties": False, **extra}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(name, schema, description, required=False):
    parameter = {"name": name, "in": "query", "required": required, "schema": schema,
                 "description": description}
    if schema.get("type") == "array":
        parameter.update(style="form", explode=True)
    return parameter


def _path(name, schema, description):
    return {"name": name, "in": "path", "required": True, "schema": schema,
            "description": description}


# The gazette API (bulletin/api.py), after the Federal Register API.

_ISSUE_KEY = {"type": "string", "pattern": "^[0-9]{1,3}-[春夏秋冬]-[0-9]{1,4}$",
              "examples": ["113-春-1"]}

def _gazette_schemas():
    from bulletin.numbering import VOLUMES
    from bulletin.serializers import FIELDS

    issue = _object({
        "roc_year": {"type": "integer", "minimum": 1, "description": "ROC year (AD − 1911)"},
        "volume": {"type": "string", "enum": list(VOLUMES),
                   "description": "season: 春 Jan–Mar, 夏 Apr–Jun, 秋 Jul–Sep, 冬 Oct–Dec"},
        "number": {"type": "integer", "minimum": 1},
        "publication_date": DATE,
    })
    document = {
        "id": {"type": "integer", "minimum": 1},
        "document_number": {"type": "string", "description": "發文字號"},
        "title": STRING,
        "title_en": _nullable(STRING),
        "type": {"type": "string", "description": "top-level document type, e.g. 公告"},
        "subtype": _nullable(STRING),
        "agency": _ref("GazetteAgency"),
        "issue": _nullable(_ref("GazetteIssueNumber")),
        "signing_date": DATE,
        "effective_date": _nullable(DATE),
        "html_url": URI,
        "json_url": URI,
        "attachments": {"type": "array", "items": _ref("GazetteAttachment")},
        "correction_of": _nullable({"type": "integer", "minimum": 1}),
        "corrections": {"type": "array", "items": {"type": "integer", "minimum": 1}},
    }
    assert set(document) == set(FIELDS), "describe every field the API serialises"
    return {
        "GazetteErrors": _object({"errors": {
            "type": "object", "additionalProperties": STRING, "minProperties": 1,
            "description": "a message (in Chinese) for each parameter that was refused"}}),
        "GazetteAgency": _object({"name": STRING, "code": STRING}),
        "GazetteIssueNumber": issue,
        "GazetteAttachment": _object({"title": STRING, "url": URI,
                                      "size": _nullable(COUNT), "format": STRING}),
        "GazetteDocument": _object(document),
        "GazetteDocumentFields": _object(
            document, required=[], minProperties=1,
            description="A document with the fields asked for with `fields[]`, or all of them."),
        "GazetteDocumentDetail": _object({**document, "body_html": STRING,
                                          "keywords": {"type": "array", "items": STRING}}),
        "GazetteSearch": _object({
            "count": COUNT,
            "total_pages": {"type": "integer", "minimum": 1},
            "next_page_url": _nullable(URI),
            "previous_page_url": _nullable(URI),
            "results": {"type": "array", "items": _ref("GazetteDocumentFields")},
        }),
        "GazetteIssue": _object({
            **issue["properties"],
            "title": STRING, "html_url": URI, "pdf_url": _nullable(URI),
            "documents": {"type": "array", "items": _ref("GazetteDocument")},
        }),
    }


def _gazette_search_parameters():
    from bulletin.conditions import ORDERS
    from bulletin.conf import api_max_per_page
    from bulletin.serializers import FIELDS

    strings = {"type": "array", "items": STRING}
    date = _or_empty(DATE)
    return [
        _query("conditions[term]", STRING, "Full-text search; only the first 200 characters "
               "count."),
        _query("conditions[type][]", strings, "Document types or subtypes, e.g. 公告, 公示送達."),
        _query("conditions[agency][]", strings, "Issuing agencies' codes, e.g. 397000000A."),
        _query("conditions[publication_date][is]", date, "Published on this day."),
        _query("conditions[publication_date][gte]", date, "Published on or after this day."),
        _query("conditions[publication_date][lte]", date, "Published on or before this day."),
        _query("conditions[publication_date][year]",
               _or_empty({"type": "integer", "minimum": 1912, "maximum": 2200}),
               "Published in this year."),
        _query("conditions[signing_date][gte]", date, "Signed on or after this day."),
        _query("conditions[signing_date][lte]", date, "Signed on or before this day."),
        _query("conditions[issue]", _or_empty(_ISSUE_KEY), "In this issue, e.g. 113-夏-5."),
        _query("conditions[document_number]", STRING, "This 發文字號, exactly."),
        _query("order", _or_empty({"type": "string", "enum": list(ORDERS)}),
               "Default: relevance with a term, newest without."),
        _query("per_page", _or_empty({"type": "integer", "minimum": 1,
                                      "maximum": api_max_per_page()}),
               "Default 20."),
        _query("page", _or_empty({"type": "integer", "minimum": 1}), "Default 1."),
        _query("fields[]", {"type": "array", "items": {"type": "string", "enum": list(FIELDS)}},
               "Only these fields in each result (all when absent)."),
    ]


_GAZETTE_400 = _json(_ref("GazetteErrors"), "A parameter was refused; `errors` says which.")
_GAZETTE_404 = _json(_ref("GazetteErrors"), "No such published document or issue.")


def _gazette_paths():
    search = _gazette_search_parameters()
    return {
        "/api/gazette/documents.json": {"get": {
            "operationId": "gazetteDocuments", "tags": ["gazette"],
            "summary": "Search the gazette's documents", "parameters": search,
            "responses": {"200": {**_json(_ref("GazetteSearch"), "One page of matches."),
                              "links": {"document": {
                                  "operationId": "gazetteDocument",
                                  "parameters": {"document_id": "$response.body#/results/0/id"},
                              }}},
                          "400": _GAZETTE_400},
        }},
        "/api/gazette/documents.csv": {"get": {
            "operationId": "gazetteDocumentsCsv", "tags": ["gazette"],
            "summary": "The same search as a CSV file (UTF-8 with a byte-order mark)",
            "parameters": search,
            "responses": {
                "200": {"description": "One page of matches, one row each; object and list "
                                       "values are JSON.",
                        "content": {"text/csv": {"schema": STRING}}},
                "400": _GAZETTE_400,
            },
        }},
        "/api/gazette/documents/{document_id}.json": {"get": {
            "operationId": "gazetteDocument", "tags": ["gazette"],
            "summary": "One document, with its body",
            "parameters": [_path("document_id", {"type": "integer", "minimum": 0},
                                 "The document's id.")],
            "responses": {"200": _json(_ref("GazetteDocumentDetail"), "The document."),
                          "404": _GAZETTE_404},
        }},
        "/api/gazette/issues/{issue}.json": {"get": {
            "operationId": "gazetteIssue", "tags": ["gazette"],
            "summary": "One issue and its documents",
            "parameters": [_path("issue", _ISSUE_KEY, "ROC year, volume and number: 113-夏-5.")],
            "responses": {"200": _json(_ref("GazetteIssue"), "The issue."),
                          "400": _GAZETTE_400, "404": _GAZETTE_404},
        }},
    }


# The CKAN action API subset (opendata/ckan.py).

def _ckan_schemas():
    from opendata.metadata import LICENCE
    from opendata.models import ENCODINGS, FORMATS

    organization = {
        "id": STRING, "name": STRING, "title": STRING, "display_name": STRING,
        "description": STRING, "type": {"const": "organization"},
        "is_organization": {"const": True}, "state": {"const": "active"}, "image_url": STRING,
    }
    group = {
        "id": STRING, "name": STRING, "title": STRING, "display_name": STRING,
        "description": STRING, "type": {"const": "group"}, "is_organization": {"const": False},
        "state": {"const": "active"}, "package_count": COUNT,
    }
    facet_item = _object({"name": STRING, "display_name": STRING, "count": COUNT})
    return {
        "CkanError": _object({
            "help": URI, "success": {"const": False},
            "error": _object({"__type": {"type": "string",
                                         "enum": ["Not Found Error", "Validation Error"]},
                              "message": STRING}),
        }),
        "CkanOrganization": _object(organization),
        "CkanGroup": _object(group, required=[name for name in group if name != "package_count"]),
        "CkanResource": _object({
            "id": STRING, "package_id": {"type": "string", "format": "uuid"}, "name": STRING,
            "description": STRING,
            "format": {"type": "string", "enum": [value for value, _label in FORMATS]},
            "mimetype": STRING, "url": URI, "size": _nullable(COUNT), "hash": STRING,
            "last_modified": _nullable(DATE_TIME), "created": _nullable(DATE_TIME),
            "position": COUNT,
            "encoding": {"type": "string", "enum": [value for value, _label in ENCODINGS]},
            "live_generator": _nullable(STRING), "downloads": COUNT, "state": {"const": "active"},
            "url_type": {"type": "null"},
        }),
        "CkanTag": _object({"name": STRING, "display_name": STRING, "state": STRING}),
        "CkanPackage": _object({
            "id": {"type": "string", "format": "uuid"}, "name": STRING, "title": STRING,
            "notes": STRING, "url": URI, "type": {"const": "dataset"},
            "state": {"const": "active"}, "private": {"const": False}, "author": STRING,
            "maintainer": STRING, "maintainer_email": STRING,
            "license_id": {"const": LICENCE["id"]}, "license_title": STRING, "license_url": URI,
            "metadata_created": _nullable(DATE_TIME), "metadata_modified": _nullable(DATE_TIME),
            "organization": _nullable(_ref("CkanOrganization")),
            "owner_org": _nullable(STRING),
            "groups": {"type": "array", "items": _ref("CkanGroup")},
            "tags": {"type": "array", "items": _ref("CkanTag")}, "num_tags": COUNT,
            "resources": {"type": "array", "items": _ref("CkanResource")},
            "num_resources": COUNT,
            "extras": {"type": "array",
                       "items": _object({"key": STRING, "value": STRING})},
        }),
        "CkanSearchResult": _object({
            "count": COUNT, "sort": STRING,
            "results": {"type": "array", "items": _ref("CkanPackage")},
            "facets": {"type": "object",
                       "additionalProperties": {"type": "object",
                                                "additionalProperties": COUNT}},
            "search_facets": {"type": "object", "additionalProperties": _object({
                "title": STRING, "items": {"type": "array", "items": facet_item}})},
        }),
        "CkanLicence": _object({"id": STRING, "title": STRING, "url": URI,
                                "od_conformance": STRING, "status": STRING}),
        "CkanStatus": _object({"ckan_version": STRING, "site_title": STRING, "site_url": URI,
                               "site_description": STRING, "locale_default": STRING,
                               "extensions": {"type": "array", "items": STRING}}),
    }


def _id(example):
    """An id parameter, with an example that names something in the demo content and in
    the suite's data, so that schemathesis reaches a real record."""
    return {"type": "string", "minLength": 1, "examples": [example]}


_NATURAL = {"type": "integer", "minimum": 0}
_BOOLEAN = {"type": "boolean"}


_NAMES = {"type": "array", "items": STRING}


def _ckan_actions():
    """{action: (summary, {parameter: (schema, description)}, required, result, errors
    besides the Validation Error (409) that every action may answer)}"""
    from opendata.ckan import FACET_FIELDS, ROWS_MAX, SORTS

    sorts = ", ".join(sorted(SORTS))
    facets = ", ".join(sorted(FACET_FIELDS))
    return {
        "package_list": ("Names of every published dataset", {
            "limit": (_NATURAL, "At most this many (0: all)."),
            "offset": (_NATURAL, "Skip this many."),
        }, [], _NAMES, []),
        "package_show": ("One dataset, by name or id", {
            "id": (_id("gazette-issues"),
                   "The dataset's name (identifier) or id (UUID); `name` works too."),
        }, ["id"], _ref("CkanPackage"), ["404"]),
        "package_search": ("Search the datasets", {
            "q": (STRING, "Words in the title, description or a tag; `*:*` for all."),
            "fq": (STRING, "Solr-style filters: organization:, groups:, tags:, res_format:."),
            "rows": (_NATURAL, f"Page size, default 10, at most {ROWS_MAX}."),
            "start": (_NATURAL, "Skip this many matches."),
            "sort": (STRING, f"A field ({sorts}), then asc or desc."),
            "facet.field": (STRING, f"A JSON list of facets to count: {facets}."),
        }, [], _ref("CkanSearchResult"), []),
        "organization_list": ("The agencies that publish datasets", {
            "all_fields": (_BOOLEAN, "Whole organisations instead of names."),
        }, [], {"anyOf": [_NAMES, {"type": "array", "items": _ref("CkanOrganization")}]}, []),
        "organization_show": ("One agency", {
            "id": (_id("397000000a"),
                   "The organisation's name or id (the agency code, lower case)."),
        }, ["id"], _ref("CkanOrganization"), ["404"]),
        "group_list": ("The service categories in use", {
            "all_fields": (_BOOLEAN, "Whole groups instead of names."),
        }, [], {"anyOf": [_NAMES, {"type": "array", "items": _ref("CkanGroup")}]}, []),
        "group_show": ("One service category", {
            "id": (_id("consumer-protection"), "The group's name or id."),
        }, ["id"], _ref("CkanGroup"), ["404"]),
        "tag_list": ("Every tag on a published dataset", {}, [], _NAMES, []),
        "resource_show": ("One resource (file) of a dataset", {
            "id": (_id("1"), "The resource's id."),
        }, ["id"], _ref("CkanResource"), ["404"]),
        "license_list": ("The licence every dataset is published under", {}, [],
                         {"type": "array", "items": _ref("CkanLicence")}, []),
        "status_show": ("What this CKAN-compatible API is", {}, [], _ref("CkanStatus"), []),
    }


# Where one action's answer names what another shows, for schemathesis's stateful phase.
_CKAN_LINKS = {
    "package_list": ("package_show", "/result/0"),
    "package_search": ("package_show", "/result/results/0/name"),
    "package_show": ("resource_show", "/result/resources/0/id"),
    "organization_list": ("organization_show", "/result/0"),
    "group_list": ("group_show", "/result/0"),
}


def _ckan_optional(schema, body):
    """In a JSON body null, in a query string an empty value, stands for a parameter not
    given; a query string's values are text that must read as the parameter's type."""
    if body:
        return _nullable(schema)
    return schema if schema.get("type") == "string" else _or_empty(schema)


def _ckan_success(result):
    return {"type": "object", "properties": {"help": URI, "success": {"const": True},
                                             "result": result},
            "required": ["help", "success", "result"], "additionalProperties": False}


_CKAN_ERRORS = {
    "404": _json(_ref("CkanError"), "Not Found Error: nothing has that id."),
    "409": _json(_ref("CkanError"), "Validation Error: a parameter (a NUL character in any) "
                                    "or the body was refused."),
}


def _ckan_paths(prefix, alias=False):
    paths = {}
    suffix = "Unversioned" if alias else ""
    for action, (summary, parameters, required, result, errors) in _ckan_actions().items():
        success = {"200": _json(_ckan_success(result), "The action's result.")}
        if action in _CKAN_LINKS:
            target, pointer = _CKAN_LINKS[action]
            success["200"]["links"] = {target: {
                "operationId": f"ckan_{target}{suffix}",
                "parameters": {"id": f"$response.body#{pointer}"}}}
        get = {
            "operationId": f"ckan_{action}{suffix}", "tags": ["ckan"], "summary": summary,
            "parameters": [
                _query(name, schema, description, required=True) if name in required else
                _query(name, _ckan_optional(schema, body=False), description)
                for name, (schema, description) in parameters.items()],
            "responses": {**success, **{code: _CKAN_ERRORS[code]
                                        for code in sorted({"409", *errors})}},
        }
        # Other keys are ignored, as CKAN does.
        body = _object({name: schema if name in required else _ckan_optional(schema, body=True)
                        for name, (schema, _d) in parameters.items()},
                       required=required, additionalProperties=True)
        if action == "package_search":  # a JSON body may give the facet list as a list
            body["properties"]["facet.field"] = _nullable({"anyOf": [STRING, _NAMES]})
        post = {
            "operationId": f"ckan_{action}{suffix}_post", "tags": ["ckan"],
            "summary": f"{summary} (parameters as a JSON object)",
            "requestBody": {"required": False, "content": {"application/json": {
                "schema": body}}},
            "responses": {**success, **{code: _CKAN_ERRORS[code]
                                        for code in sorted({"409", *errors})}},
        }
        paths[f"{prefix}{action}"] = {"get": get, "post": post}
    return paths


# Open311 GeoReport v2 (petitions/open311.py). JSON and XML carry the same structure; the
# `xml` keywords name the elements of the XML form, as the GeoReport v2 specification does.

def _open311_schemas():
    from petitions.open311 import STATUSES

    codes = _service_code()
    return {
        "Open311Error": _object({"code": {"type": "integer"}, "description": STRING},
                                xml={"name": "error"}),
        "Open311Errors": {"type": "array", "items": _ref("Open311Error"), "minItems": 1,
                          "xml": {"name": "errors", "wrapped": True}},
        "Open311Endpoint": _object({
            "specification": URI, "url": URI, "changeset": DATE_TIME,
            "type": {"type": "string", "enum": ["production", "test"]},
            "formats": {"type": "array", "items": {"type": "string", "xml": {"name": "format"}},
                        "xml": {"wrapped": True}},
        }, xml={"name": "endpoint"}),
        "Open311Discovery": _object({
            "changeset": DATE_TIME, "contact": STRING, "key_service": STRING,
            "endpoints": {"type": "array", "items": _ref("Open311Endpoint"),
                          "xml": {"wrapped": True}},
        }, xml={"name": "discovery"}),
        "Open311Service": _object({
            "service_code": codes, "service_name": STRING, "description": STRING,
            "metadata": {"type": "boolean",
                         "description": "whether the service has a definition with attributes"},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": STRING, "group": STRING,
        }, xml={"name": "service"}),
        "Open311Services": {"type": "array", "items": _ref("Open311Service"),
                            "xml": {"name": "services", "wrapped": True}},
        "Open311Attribute": _object({
            "variable": {"type": "boolean"}, "code": STRING,
            "datatype": {"type": "string", "enum": ["string", "number", "datetime", "text",
                                                    "singlevaluelist", "multivaluelist"]},
            "required": {"type": "boolean"}, "datatype_description": _nullable(STRING),
            "order": {"type": "integer"}, "description": STRING,
            "values": {"type": "array", "xml": {"wrapped": True},
                       "description": "The choices of a singlevaluelist.",
                       "items": _object({"key": STRING, "name": STRING},
                                        xml={"name": "value"})},
        }, required=["variable", "code", "datatype", "required", "datatype_description",
                     "order", "description"], xml={"name": "attribute"}),
        "Open311ServiceDefinition": _object({
            "service_code": codes,
            "attributes": {"type": "array", "items": _ref("Open311Attribute"),
                           "xml": {"wrapped": True}},
        }, xml={"name": "service_definition"}),
        "Open311Request": _object({
            "service_request_id": STRING,
            "status": {"type": "string", "enum": list(STATUSES)},
            "status_notes": STRING, "service_name": STRING, "service_code": codes,
            "agency_responsible": _nullable(STRING),
            "requested_datetime": DATE_TIME, "updated_datetime": DATE_TIME,
            "expected_datetime": DATE_TIME,
            "lat": _nullable({"type": "number", "minimum": -90, "maximum": 90}),
            "long": _nullable({"type": "number", "minimum": -180, "maximum": 180}),
        }, xml={"name": "request"},
            description="A request as the public may see it: no names, contacts, "
                        "descriptions or addresses. lat and long are given for petitions "
                        "only, rounded to three decimals (about 100 m); null otherwise."),
        "Open311Requests": {"type": "array", "items": _ref("Open311Request"),
                            "xml": {"name": "service_requests", "wrapped": True}},
        "Open311Created": {"type": "array", "minItems": 1, "maxItems": 1,
                           "xml": {"name": "service_requests", "wrapped": True},
                           "items": _object({"service_request_id": STRING,
                                             "token": {"type": "string", "description": (
                                                 "The tracking code: with the number, the "
                                                 "citizen follows the case on the portal's "
                                                 "tracking page. Shown only here; give it "
                                                 "to the citizen.")},
                                             "service_notice": STRING,
                                             "account_id": {"type": "null"}},
                                            xml={"name": "request"})},
    }


def _service_code():
    from petitions.open311 import SERVICES

    return {"type": "string", "enum": list(SERVICES)}


_FORMAT = _path("format", {"type": "string", "enum": ["json", "xml"]},
                "The response format.")


def _open311(schema, description):
    reference = _ref(schema)
    return {"description": description,
            "content": {"application/json": {"schema": reference},
                        "text/xml": {"schema": reference}}}


def _open311_error(description):
    return _open311("Open311Errors", description)


def _list(name, items, description):
    """A GeoReport v2 list parameter: values separated by commas."""
    return {**_query(name, {"type": "array", "items": items}, description),
            "style": "form", "explode": False}


def _choice_list(name, choices, description):
    """A GeoReport v2 list of `choices` separated by commas, as a pattern: an empty value
    (all of them) is then described too, which an array cannot tell from [""]."""
    choice = "|".join(re.escape(value) for value in choices)
    return _query(name, {"type": "string", "pattern": f"^(({choice})(,({choice}))*)?$"},
                  description)


def _complaint_attributes():
    """A consumer complaint's service attributes (see services/complaint): required for a
    complaint, ignored for a petition."""
    from petitions.open311 import _attributes

    types = {"number": {"type": "integer", "minimum": 0},
             "datetime": {"type": "string", "format": "date"}}
    described = {}
    for attribute in _attributes("complaint"):
        schema = dict(types.get(attribute["datatype"], {"type": "string"}))
        if attribute.get("values"):
            schema["enum"] = [value["key"] for value in attribute["values"]]
        schema["description"] = f"A complaint's {attribute['code'].replace('_', ' ')}."
        described[f"attribute[{attribute['code']}]"] = schema
    return described


def _open311_paths():
    from petitions.open311 import STATUSES

    base = "/open311/v2"
    detail = {"operationId": "open311Request", "parameters": {
        "service_request_id": "$response.body#/0/service_request_id",
        "format": "$request.path.format"}}
    unknown_format = "Unknown format (the error is then in XML)"
    service = {
        "tags": ["open311"], "summary": "A service's definition: the attributes it takes",
        "parameters": [_path("service_code", _service_code(), "The service."), _FORMAT],
        "responses": {"200": _open311("Open311ServiceDefinition", "The definition."),
                      "404": _open311_error(f"Unknown service_code, or {unknown_format}.")},
    }
    return {
        f"{base}/": {"get": {
            "operationId": "open311Root", "tags": ["open311"],
            "summary": "Service discovery, in JSON",
            "responses": {"200": _json(_ref("Open311Discovery"), "Where and what the API is.")},
        }},
        f"{base}/discovery.{{format}}": {"get": {
            "operationId": "open311Discovery", "tags": ["open311"],
            "summary": "Service discovery", "parameters": [_FORMAT],
            "responses": {"200": _open311("Open311Discovery", "Where and what the API is."),
                          "404": _open311_error(unknown_format + ".")},
        }},
        f"{base}/services.{{format}}": {"get": {
            "operationId": "open311Services", "tags": ["open311"],
            "summary": "The services that take requests", "parameters": [_FORMAT],
            "responses": {"200": _open311("Open311Services", "Every service."),
                          "404": _open311_error(unknown_format + ".")},
        }},
        f"{base}/services/{{service_code}}.{{format}}": {"get": {
            "operationId": "open311ServiceDefinition", **service}},
        f"{base}/service/{{service_code}}.{{format}}": {"get": {
            "operationId": "open311ServiceDefinitionSingular", **service,
            "description": "The same as /services/{service_code}, for clients that use the "
                           "singular."}},
        f"{base}/requests.{{format}}": {
            "get": {
                "operationId": "open311Requests", "tags": ["open311"],
                "summary": "Requests, newest first: at most 1,000, from the last 90 days unless "
                           "dates are given",
                "parameters": [
                    _FORMAT,
                    _list("service_request_id", STRING, "Request numbers; the other "
                          "parameters are then checked but do not filter."),
                    _choice_list("service_code", _service_code()["enum"],
                                 "Services, separated by commas (default: all)."),
                    _choice_list("status", STATUSES,
                                 "Statuses, separated by commas (default: both)."),
                    _query("start_date", _or_empty({"anyOf": [DATE_TIME, DATE]}),
                           "Received at or after (ISO 8601; Taipei time when no offset; "
                           "between 1900 and 9000). Default: 90 days before end_date or now."),
                    _query("end_date", _or_empty({"anyOf": [DATE_TIME, DATE]}),
                           "Received at or before (as start_date)."),
                    _query("jurisdiction_id", STRING, "Accepted and ignored: one jurisdiction."),
                ],
                "responses": {"200": {**_open311("Open311Requests", "The matching requests."),
                                      "links": {"request": detail}},
                              "400": _open311_error("A parameter was refused."),
                              "404": _open311_error(unknown_format + ".")},
            },
            "post": {
                "operationId": "open311CreateRequest", "tags": ["open311"],
                "summary": "File a petition or a consumer complaint for someone",
                "description": "Only for partners with an API key that an administrator "
                               "issued. The person's name and contacts are stored with the case "
                               "and never published.",
                "parameters": [_FORMAT, {
                    "name": "X-API-Key", "in": "header", "required": False,
                    "schema": {"type": "string"},
                    "description": "The partner's key, when it is not in the body. Never in "
                                   "the query string: that is refused."}],
                "requestBody": {"required": True, "content": {
                    "application/x-www-form-urlencoded": {"schema": _object({
                        "api_key": {"type": "string", "description": "The partner's key "
                                    "(or the X-API-Key header)."},
                        "service_code": _service_code(),
                        "description": {"type": "string", "minLength": 1,
                                        "description": "What the request is about (up to "
                                                       "10,000 characters are kept)."},
                        "attribute[subject]": {"type": "string",
                                               "description": "A petition's subject."},
                        **_complaint_attributes(),
                        "first_name": STRING, "last_name": STRING,
                        "email": _or_empty({"type": "string", "format": "email"}),
                        "phone": STRING, "address_string": STRING,
                        "lat": {"type": "number", "minimum": -90, "maximum": 90,
                                "description": "WGS 84; with long."},
                        "long": {"type": "number", "minimum": -180, "maximum": 180,
                                 "description": "WGS 84; with lat."},
                        "jurisdiction_id": STRING,
                    }, required=["service_code", "description"],
                        additionalProperties=True)}}},
                "responses": {
                    "200": {**_open311("Open311Created", "The new request's number."),
                            "links": {"request": detail}},
                    "400": _open311_error("A field was refused, or api_key was in the query "
                                          "string."),
                    "403": _open311_error("No valid api_key."),
                    "404": _open311_error(unknown_format + "."),
                },
            },
        },
        f"{base}/requests/{{service_request_id}}.{{format}}": {"get": {
            "operationId": "open311Request", "tags": ["open311"], "summary": "One request",
            "parameters": [_path("service_request_id", STRING, "The request number."),
                           _FORMAT],
            "responses": {"200": _open311("Open311Requests", "A list of one request."),
                          "404": _open311_error("No such request, or " + unknown_format
                                                + ".")},
        }},
    }


@cache
def document():
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "高雄市政府行政暨國際處 public APIs",
            "version": "1",
            "description": (
                "The electronic gazette's search API (shaped after the US Federal Register "
                "API), a read-only subset of the CKAN action API for the open-data catalogue, "
                "and Open311 GeoReport v2 for petitions and consumer complaints. Dates are ISO "
                "8601 with the Taipei offset (+08:00). The CKAN actions also answer at "
                "/api/action/{name}. Pages themselves are in the Wagtail API at /api/v2/."),
        },
        "servers": [{"url": "/"}],
        "tags": [{"name": "gazette", "description": "電子公報"},
                 {"name": "ckan", "description": "開放資料 (CKAN action API)"},
                 {"name": "open311", "description": "人民陳情與消費申訴 (Open311 GeoReport v2)"}],
        "paths": {**_gazette_paths(), **_ckan_paths("/api/3/action/"),
                  **_ckan_paths("/api/action/", alias=True), **_open311_paths()},
        "components": {"schemas": {**_gazette_schemas(), **_ckan_schemas(),
                                   **_open311_schemas()}},
    }


@require_safe
@cache_control(max_age=3600, public=True)
def openapi_json(request):
    response = JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # so API explorers elsewhere can read it
    return response
