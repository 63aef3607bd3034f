"""The OpenAPI description of Open311 GeoReport v2 (open311.py). JSON and XML carry the same
structure; the `xml` keywords name the elements of the XML form, as the GeoReport v2
specification does. wagtail_hooks.py registers it; portal.openapi serves it in
/api/openapi.json. Enumerations come from the API's own constants, so they cannot drift
apart."""

import re

from portal.openapi import (
    DATE,
    DATE_TIME,
    STRING,
    TAIPEI_DATE_TIME,
    URI,
    ApiDescription,
    closed_object,
    json_response,
    nullable,
    or_empty,
    path_parameter,
    query,
    ref,
)

from .open311 import (
    DEFAULT_DAYS,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    SERVICES,
    STATUSES,
    service_attributes,
)


def _open311_schemas():
    codes = _service_code()
    return {
        "Open311Error": closed_object({"code": {"type": "integer"}, "description": STRING},
                                      xml={"name": "error"}),
        "Open311Errors": {"type": "array", "items": ref("Open311Error"), "minItems": 1,
                          "xml": {"name": "errors", "wrapped": True}},
        "Open311Endpoint": closed_object({
            "specification": URI, "url": URI, "changeset": TAIPEI_DATE_TIME,
            "type": {"type": "string", "enum": ["production", "test"]},
            "formats": {"type": "array", "items": {"type": "string", "xml": {"name": "format"}},
                        "xml": {"wrapped": True}},
        }, xml={"name": "endpoint"}),
        "Open311Discovery": closed_object({
            "changeset": TAIPEI_DATE_TIME, "contact": STRING, "key_service": STRING,
            "max_requests": {"type": "integer", "const": MAX_PAGE_SIZE, "description": (
                "Extension (as FixMyStreet's): the most requests one answer of "
                "requests.{format} carries, the largest page_size.")},
            "default_page_size": {"type": "integer", "const": DEFAULT_PAGE_SIZE,
                                  "description": "Extension: page_size when none is given."},
            "max_page": {"type": "integer", "const": MAX_PAGE,
                         "description": "Extension: the largest page number."},
            "default_window_days": {"type": "integer", "const": DEFAULT_DAYS, "description": (
                "Extension: without start_date, requests.{format} lists the requests "
                "received in this many days before end_date (or now).")},
            "endpoints": {"type": "array", "items": ref("Open311Endpoint"),
                          "xml": {"wrapped": True}},
        }, xml={"name": "discovery"}),
        "Open311Service": closed_object({
            "service_code": codes, "service_name": STRING, "description": STRING,
            "metadata": {"type": "boolean",
                         "description": "whether the service has a definition with attributes"},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": STRING, "group": STRING,
        }, xml={"name": "service"}),
        "Open311Services": {"type": "array", "items": ref("Open311Service"),
                            "xml": {"name": "services", "wrapped": True}},
        "Open311Attribute": closed_object({
            "variable": {"type": "boolean"}, "code": STRING,
            "datatype": {"type": "string", "enum": ["string", "number", "datetime", "text",
                                                    "singlevaluelist", "multivaluelist"]},
            "required": {"type": "boolean"}, "datatype_description": nullable(STRING),
            "order": {"type": "integer"}, "description": STRING,
            "values": {"type": "array", "xml": {"wrapped": True},
                       "description": "The choices of a singlevaluelist.",
                       "items": closed_object({"key": STRING, "name": STRING},
                                              xml={"name": "value"})},
        }, required=["variable", "code", "datatype", "required", "datatype_description",
                     "order", "description"], xml={"name": "attribute"}),
        "Open311ServiceDefinition": closed_object({
            "service_code": codes,
            "attributes": {"type": "array", "items": ref("Open311Attribute"),
                           "xml": {"wrapped": True}},
        }, xml={"name": "service_definition"}),
        "Open311Request": closed_object({
            "service_request_id": STRING,
            "status": {"type": "string", "enum": list(STATUSES)},
            "status_notes": STRING, "service_name": STRING, "service_code": codes,
            "agency_responsible": nullable(STRING),
            "requested_datetime": TAIPEI_DATE_TIME, "updated_datetime": TAIPEI_DATE_TIME,
            "expected_datetime": TAIPEI_DATE_TIME,
            "lat": nullable({"type": "number", "minimum": -90, "maximum": 90}),
            "long": nullable({"type": "number", "minimum": -180, "maximum": 180}),
        }, xml={"name": "request"},
            description="A request as the public may see it: no names, contacts, "
                        "descriptions or addresses. lat and long are given for petitions "
                        "only, rounded to three decimals (about 100 m); null otherwise."),
        "Open311Requests": {"type": "array", "items": ref("Open311Request"),
                            "xml": {"name": "service_requests", "wrapped": True}},
        "Open311Created": {"type": "array", "minItems": 1, "maxItems": 1,
                           "xml": {"name": "service_requests", "wrapped": True},
                           "items": closed_object({
                               "service_request_id": STRING,
                               "token": {"type": "string", "description": (
                                   "The tracking code: with the number, the citizen follows "
                                   "the case on the portal's tracking page. Shown only here; "
                                   "give it to the citizen.")},
                               "service_notice": STRING,
                               "account_id": {"type": "null"},
                           }, xml={"name": "request"})},
    }


def _service_code():
    return {"type": "string", "enum": list(SERVICES)}


_FORMAT = path_parameter("format", {"type": "string", "enum": ["json", "xml"]},
                         "The response format.")


def _open311(schema, description):
    reference = ref(schema)
    return {"description": description,
            "content": {"application/json": {"schema": reference},
                        "text/xml": {"schema": reference}}}


def _open311_error(description):
    return _open311("Open311Errors", description)


def _list(name, items, description):
    """A GeoReport v2 list parameter: values separated by commas."""
    return {**query(name, {"type": "array", "items": items}, description),
            "style": "form", "explode": False}


def _choice_list(name, choices, description):
    """A GeoReport v2 list of `choices` separated by commas, as a pattern: an empty value
    (all of them) is then described too, which an array cannot tell from [""]."""
    choice = "|".join(re.escape(value) for value in choices)
    return query(name, {"type": "string", "pattern": f"^(({choice})(,({choice}))*)?$"},
                 description)


def _complaint_attributes():
    """A consumer complaint's service attributes (see services/complaint): required for a
    complaint, ignored for a petition."""
    types = {"number": {"type": "integer", "minimum": 0},
             "datetime": {"type": "string", "format": "date"}}
    described = {}
    for attribute in service_attributes("complaint"):
        schema = dict(types.get(attribute["datatype"], {"type": "string"}))
        if attribute.get("values"):
            schema["enum"] = [value["key"] for value in attribute["values"]]
        schema["description"] = f"A complaint's {attribute['code'].replace('_', ' ')}."
        described[f"attribute[{attribute['code']}]"] = schema
    return described


def _open311_paths():
    base = "/open311/v2"
    detail = {"operationId": "open311Request", "parameters": {
        "service_request_id": "$response.body#/0/service_request_id",
        "format": "$request.path.format"}}
    unknown_format = "Unknown format (the error is then in XML)"
    service = {
        "tags": ["open311"], "summary": "A service's definition: the attributes it takes",
        "parameters": [path_parameter("service_code", _service_code(), "The service."), _FORMAT],
        "responses": {"200": _open311("Open311ServiceDefinition", "The definition."),
                      "404": _open311_error(f"Unknown service_code, or {unknown_format}.")},
    }
    return {
        f"{base}/": {"get": {
            "operationId": "open311Root", "tags": ["open311"],
            "summary": "Service discovery, in JSON",
            "responses": {"200": json_response(ref("Open311Discovery"),
                                               "Where and what the API is.")},
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
                "summary": f"Requests, newest first, a page at a time: at most "
                           f"{MAX_PAGE_SIZE:,}, from the last {DEFAULT_DAYS} days unless dates "
                           f"are given",
                "description": "Paging is an extension of GeoReport v2, as SeeClickFix's and "
                               "Chicago's: `page` and `page_size`. When there is a next or a "
                               "previous page, the `Link` header points to it (rel=\"next\", "
                               "rel=\"prev\"); a page past the last one is an empty list. "
                               "Discovery states the same limits.",
                "parameters": [
                    _FORMAT,
                    _list("service_request_id", STRING, "Request numbers; the other "
                          "parameters are then checked but do not filter."),
                    _choice_list("service_code", _service_code()["enum"],
                                 "Services, separated by commas (default: all)."),
                    _choice_list("status", STATUSES,
                                 "Statuses, separated by commas (default: both)."),
                    query("start_date", or_empty({"anyOf": [DATE_TIME, DATE]}),
                          "Received at or after (ISO 8601; Taipei time when no offset; "
                          "between 1900 and 9000). Default: 90 days before end_date or now."),
                    query("end_date", or_empty({"anyOf": [DATE_TIME, DATE]}),
                          "Received at or before (as start_date)."),
                    query("page", or_empty({"type": "integer", "minimum": 1,
                                            "maximum": MAX_PAGE}),
                          "Which page, from 1 (the default)."),
                    query("page_size", or_empty({"type": "integer", "minimum": 1,
                                                 "maximum": MAX_PAGE_SIZE}),
                          f"Requests on a page: default {DEFAULT_PAGE_SIZE:,}, at most "
                          f"{MAX_PAGE_SIZE:,}."),
                    query("jurisdiction_id", STRING, "Accepted and ignored: one jurisdiction."),
                ],
                "responses": {"200": {**_open311("Open311Requests", "One page of the matching "
                                                 "requests."),
                                      "headers": {"Link": {
                                          "description": "The next and previous pages, when "
                                                         "there are (RFC 8288).",
                                          "schema": STRING}},
                                      "links": {"request": detail}},
                              "400": _open311_error("A parameter was refused, such as a page "
                                                    "or page_size out of its bounds."),
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
                    "application/x-www-form-urlencoded": {"schema": closed_object({
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
                        "email": or_empty({"type": "string", "format": "email"}),
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
                    "400": _open311_error("A field was refused, an attribute the service "
                                          "does not define was sent (attribute[subject] "
                                          "is a petition's, the others a complaint's), or "
                                          "api_key was in the query string."),
                    "403": _open311_error("No valid api_key."),
                    "404": _open311_error(unknown_format + "."),
                },
            },
        },
        f"{base}/requests/{{service_request_id}}.{{format}}": {"get": {
            "operationId": "open311Request", "tags": ["open311"], "summary": "One request",
            "parameters": [path_parameter("service_request_id", STRING, "The request number."),
                           _FORMAT],
            "responses": {"200": _open311("Open311Requests", "A list of one request."),
                          "404": _open311_error("No such request, or " + unknown_format
                                                + ".")},
        }},
    }


def description():
    return ApiDescription(
        tag="open311", title="人民陳情與消費申訴 (Open311 GeoReport v2)",
        summary="Open311 GeoReport v2 for petitions and consumer complaints",
        paths=_open311_paths(), schemas=_open311_schemas(), order=30)
