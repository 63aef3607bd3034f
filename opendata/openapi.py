"""The OpenAPI description of the CKAN action API subset (ckan.py), at /api/3/action/ and
unversioned at /api/action/. wagtail_hooks.py registers it; portal.openapi serves it in
/api/openapi.json. Enumerations come from the API's own constants, so they cannot drift
apart."""

from portal.openapi import (
    COUNT,
    STRING,
    TAIPEI_DATE_TIME,
    URI,
    ApiDescription,
    closed_object,
    json_response,
    nullable,
    query,
    ref,
)

from .ckan import BOOLEANS, FACET_FIELDS, ORGANIZATION_DATASETS, ROWS_MAX, SORTS
from .metadata import LICENCE
from .models import ENCODINGS, FORMATS


def _ckan_schemas():
    # The keys CKAN 2.10 answers with (model_dictize.py and schema.py's show schemas), and
    # the portal's own few besides (display_name of organisations, a resource's encoding,
    # live generator and downloads).
    organization = {
        "id": STRING, "name": STRING, "title": STRING, "display_name": STRING,
        "description": STRING, "type": {"const": "organization"},
        "is_organization": {"const": True}, "approval_status": {"const": "approved"},
        "state": {"const": "active"}, "image_url": STRING,
        "created": nullable(TAIPEI_DATE_TIME),
    }
    group = {
        "id": STRING, "name": STRING, "title": STRING, "display_name": STRING,
        "description": STRING, "type": {"const": "group"}, "is_organization": {"const": False},
        "approval_status": {"const": "approved"}, "state": {"const": "active"},
        "image_url": STRING, "image_display_url": STRING, "package_count": COUNT,
    }
    organization_detail = {
        **organization, "image_display_url": STRING, "package_count": COUNT,
        "num_followers": COUNT,
        "groups": {"type": "array", "items": ref("CkanGroup")},
        "extras": {"type": "array", "items": closed_object({"key": STRING, "value": STRING})},
        "tags": {"type": "array", "items": ref("CkanTag")},
        "packages": {"type": "array", "items": ref("CkanPackage"),
                     "maxItems": ORGANIZATION_DATASETS},
    }
    facet_item = closed_object({"name": STRING, "display_name": STRING, "count": COUNT})
    never = {"type": "null"}
    no_relations = {"type": "array", "maxItems": 0}
    return {
        "CkanError": closed_object({
            "help": URI, "success": {"const": False},
            "error": closed_object({"__type": {"type": "string",
                                               "enum": ["Not Found Error", "Validation Error"]},
                                    "message": STRING}),
        }),
        "CkanOrganization": closed_object(organization),
        "CkanOrganizationDetail": closed_object(organization_detail, required=[
            name for name in organization_detail
            if name not in ("package_count", "groups", "extras", "tags", "packages")]),
        "CkanGroup": closed_object(group, required=[name for name in group
                                                    if name != "package_count"]),
        "CkanResource": closed_object({
            "id": STRING, "package_id": {"type": "string", "format": "uuid"}, "name": STRING,
            "description": STRING,
            "format": {"type": "string", "enum": [value for value, _label in FORMATS]},
            "mimetype": STRING, "mimetype_inner": never, "resource_type": never, "url": URI,
            "url_type": never, "size": nullable(COUNT), "hash": STRING,
            "created": nullable(TAIPEI_DATE_TIME), "last_modified": nullable(TAIPEI_DATE_TIME),
            "metadata_modified": nullable(TAIPEI_DATE_TIME), "cache_url": never,
            "cache_last_updated": never, "position": COUNT, "state": {"const": "active"},
            "datastore_active": {"const": False},
            "encoding": {"type": "string", "enum": [value for value, _label in ENCODINGS]},
            "live_generator": nullable(STRING), "downloads": COUNT,
        }),
        "CkanTag": closed_object({"id": {"type": "string", "format": "uuid"}, "name": STRING,
                                  "display_name": STRING, "vocabulary_id": never,
                                  "state": {"const": "active"}},
                                 required=["id", "name", "display_name", "vocabulary_id"]),
        "CkanPackage": closed_object({
            "id": {"type": "string", "format": "uuid"}, "name": STRING, "title": STRING,
            "notes": STRING, "url": URI, "version": never, "type": {"const": "dataset"},
            "state": {"const": "active"}, "private": {"const": False}, "author": STRING,
            "author_email": never, "maintainer": STRING, "maintainer_email": STRING,
            "license_id": {"const": LICENCE["id"]}, "license_title": STRING, "license_url": URI,
            "isopen": {"const": True}, "creator_user_id": never,
            "metadata_created": nullable(TAIPEI_DATE_TIME),
            "metadata_modified": nullable(TAIPEI_DATE_TIME),
            "organization": nullable(ref("CkanOrganization")),
            "owner_org": nullable(STRING),
            "groups": {"type": "array", "items": ref("CkanGroup")},
            "tags": {"type": "array", "items": ref("CkanTag")}, "num_tags": COUNT,
            "resources": {"type": "array", "items": ref("CkanResource")},
            "num_resources": COUNT,
            "relationships_as_subject": no_relations, "relationships_as_object": no_relations,
            "extras": {"type": "array",
                       "items": closed_object({"key": STRING, "value": STRING})},
        }),
        "CkanSearchResult": closed_object({
            "count": COUNT, "sort": STRING,
            "results": {"type": "array", "items": ref("CkanPackage")},
            "facets": {"type": "object",
                       "additionalProperties": {"type": "object",
                                                "additionalProperties": COUNT}},
            "search_facets": {"type": "object", "additionalProperties": closed_object({
                "title": STRING, "items": {"type": "array", "items": facet_item}})},
        }),
        "CkanLicence": closed_object({"id": STRING, "title": STRING, "url": URI,
                                      "od_conformance": STRING, "status": STRING}),
        "CkanStatus": closed_object({"ckan_version": STRING, "site_title": STRING, "site_url": URI,
                                     "site_description": STRING, "locale_default": STRING,
                                     "extensions": {"type": "array", "items": STRING}}),
    }


def _id(example):
    """An id parameter, with an example that names something in the demo content and in
    the suite's data, so that schemathesis reaches a real record."""
    return {"type": "string", "minLength": 1, "examples": [example]}


_NATURAL = {"type": "integer", "minimum": 0}
_POSITIVE = {"type": "integer", "minimum": 1}
_INTEGER = {"type": "integer"}
_BOOLEAN = {"type": "boolean"}


def _spelled(word):
    return "".join(f"[{char.upper()}{char}]" if char.isalpha() else char for char in word)


# In a JSON body, as in a query string, numbers and booleans may come as text, as ckanapi's
# KEY=VALUE sends them; blank text stands for a parameter not given. (A superset of what is
# read: "-5" for a natural number matches and is refused with a Validation Error.)
# The blank around them is Python's (str.strip, as CKAN's int() reads it): JSON Schema's \s
# plus the separators \x1c-\x1f and NEL.
_BLANK = r"[\s\x1c-\x1f\x85]*"
_WORDS = "|".join(_spelled(word) for word in sorted(BOOLEANS))
_AS_TEXT = {
    "integer": {"type": "string", "pattern": rf"^{_BLANK}([+-]?[0-9]{{1,30}})?{_BLANK}$"},
    "boolean": {"type": "string", "pattern": rf"^{_BLANK}({_WORDS})?{_BLANK}$"},
}


_NAMES = {"type": "array", "items": STRING}


def _ckan_actions():
    """{action: (summary, {parameter: (schema, description)}, required, result, errors
    besides the Validation Error (409) that every action may answer)}"""
    sorts = ", ".join(sorted(SORTS))
    facets = ", ".join(sorted(FACET_FIELDS))
    return {
        "help_show": ("The documentation of an action, as CKAN gives it", {
            "name": (_id("package_search"), "The action's name."),
        }, ["name"], STRING, ["404"]),
        "package_list": ("Names of every published dataset", {
            "limit": (_NATURAL, "At most this many (0: all)."),
            "offset": (_NATURAL, "Skip this many."),
        }, [], _NAMES, []),
        "current_package_list_with_resources": (
            "The datasets with their resources, most recently modified first", {
                "limit": (_NATURAL, f"At most this many, default 10, at most {ROWS_MAX}."),
                "offset": (_NATURAL, "Skip this many."),
                "page": (_POSITIVE, "Without offset: skip (page - 1) × limit (deprecated)."),
            }, [], {"type": "array", "items": ref("CkanPackage")}, []),
        "package_show": ("One dataset, by name or id", {
            "id": (_id("gazette-issues"),
                   "The dataset's name (identifier) or id (UUID); `name` works too."),
        }, ["id"], ref("CkanPackage"), ["404"]),
        "package_search": ("Search the datasets", {
            "q": (STRING, "Words in the title, description or a tag, matched as the site "
                          "search matches them (Traditional and Simplified Chinese alike, "
                          "full-width as half-width); `*:*` for all."),
            "fq": (STRING, "Solr-style filters: organization:, groups:, tags:, res_format:."),
            "rows": (_NATURAL, f"Page size, default 10, at most {ROWS_MAX}."),
            "start": (_NATURAL, "Skip this many matches."),
            "sort": (STRING, f"A field ({sorts}), then asc or desc."),
            "facet.field": (STRING, f"A JSON list of facets to count: {facets}."),
            "facet.limit": (_INTEGER, "At most this many values a facet, default 50; "
                                      "negative: all."),
            "facet.mincount": (_NATURAL, "Only values counted at least this often, default 1."),
            "include_private": (_BOOLEAN, "Accepted; only public datasets are published."),
            "include_drafts": (_BOOLEAN, "Accepted; drafts are never published."),
            "include_deleted": (_BOOLEAN, "Accepted; deleted datasets are never published."),
        }, [], ref("CkanSearchResult"), []),
        "organization_list": ("The agencies that publish datasets", {
            "all_fields": (_BOOLEAN, "Whole organisations instead of names."),
            "limit": (_NATURAL, "At most this many (0: all)."),
            "offset": (_NATURAL, "Skip this many."),
        }, [], {"anyOf": [_NAMES, {"type": "array", "items": ref("CkanOrganizationDetail")}]},
            []),
        "organization_show": ("One agency", {
            "id": (_id("397000000a"),
                   "The organisation's name or id (the agency code, lower case)."),
            "include_datasets": (_BOOLEAN, f"Its {ORGANIZATION_DATASETS} most recently "
                                           "modified datasets, as `packages`."),
            "include_dataset_count": (_BOOLEAN, "`package_count` (default true)."),
            "include_extras": (_BOOLEAN, "`extras` (default true)."),
            "include_groups": (_BOOLEAN, "`groups` (default true)."),
            "include_tags": (_BOOLEAN, "`tags` (default true)."),
            "include_followers": (_BOOLEAN, "Accepted; `num_followers` is always 0."),
        }, ["id"], ref("CkanOrganizationDetail"), ["404"]),
        "group_list": ("The service categories in use", {
            "all_fields": (_BOOLEAN, "Whole groups instead of names."),
            "limit": (_NATURAL, "At most this many (0: all)."),
            "offset": (_NATURAL, "Skip this many."),
        }, [], {"anyOf": [_NAMES, {"type": "array", "items": ref("CkanGroup")}]}, []),
        "group_show": ("One service category", {
            "id": (_id("consumer-protection"), "The group's name or id."),
        }, ["id"], ref("CkanGroup"), ["404"]),
        "tag_list": ("Every tag on a published dataset", {
            "query": (STRING, "Only tags containing this text (Traditional and Simplified "
                              "Chinese alike); `q` works too."),
            "q": (STRING, "The same as `query`."),
            "vocabulary_id": (STRING, "A vocabulary: the portal has none, so a name is "
                                      "not found (with `query`: no tags)."),
            "all_fields": (_BOOLEAN, "Whole tags instead of names."),
        }, [], {"anyOf": [_NAMES, {"type": "array", "items": ref("CkanTag")}]}, ["404"]),
        "resource_show": ("One resource (file) of a dataset", {
            "id": (_id("1"), "The resource's id."),
        }, ["id"], ref("CkanResource"), ["404"]),
        "license_list": ("The licence every dataset is published under", {}, [],
                         {"type": "array", "items": ref("CkanLicence")}, []),
        "status_show": ("What this CKAN-compatible API is", {}, [], ref("CkanStatus"), []),
    }


# Where one action's answer names what another shows, for schemathesis's stateful phase.
_CKAN_LINKS = {
    "package_list": ("package_show", "/result/0"),
    "current_package_list_with_resources": ("package_show", "/result/0/name"),
    "package_search": ("package_show", "/result/results/0/name"),
    "package_show": ("resource_show", "/result/resources/0/id"),
    "organization_list": ("organization_show", "/result/0"),
    "group_list": ("group_show", "/result/0"),
}


def _ckan_optional(schema, body):
    """In a JSON body null, and anywhere blank text, stands for a parameter not given;
    numbers and booleans may be written as text (a query string's always are)."""
    text = _AS_TEXT.get(schema.get("type"))
    if text:
        schema = {"anyOf": [schema, text]}
    return nullable(schema) if body else schema


def _ckan_success(result):
    return {"type": "object", "properties": {"help": URI, "success": {"const": True},
                                             "result": result},
            "required": ["help", "success", "result"], "additionalProperties": False}


_CKAN_ERRORS = {
    "404": json_response(ref("CkanError"), "Not Found Error: nothing has that id."),
    "409": json_response(ref("CkanError"), "Validation Error: a parameter (a NUL character in any) "
                         "or the body was refused."),
}


def _ckan_paths(prefix, alias=False):
    paths = {}
    suffix = "Unversioned" if alias else ""
    for action, (summary, parameters, required, result, errors) in _ckan_actions().items():
        success = {"200": json_response(_ckan_success(result), "The action's result.")}
        if action in _CKAN_LINKS:
            target, pointer = _CKAN_LINKS[action]
            success["200"]["links"] = {target: {
                "operationId": f"ckan_{target}{suffix}",
                "parameters": {"id": f"$response.body#{pointer}"}}}
        get = {
            "operationId": f"ckan_{action}{suffix}", "tags": ["ckan"], "summary": summary,
            "parameters": [
                query(name, schema, description, required=True) if name in required else
                query(name, _ckan_optional(schema, body=False), description)
                for name, (schema, description) in parameters.items()],
            "responses": {**success, **{code: _CKAN_ERRORS[code]
                                        for code in sorted({"409", *errors})}},
        }
        # Other keys are ignored, as CKAN does.
        body = closed_object(
            {name: schema if name in required else _ckan_optional(schema, body=True)
             for name, (schema, _d) in parameters.items()},
            required=required, additionalProperties=True)
        if action == "package_search":  # a JSON body may give the facet list as a list
            body["properties"]["facet.field"] = nullable({"anyOf": [STRING, _NAMES]})
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


def description():
    return ApiDescription(
        tag="ckan", title="開放資料 (CKAN action API)",
        summary="a read-only subset of the CKAN action API for the open-data catalogue",
        note="The CKAN actions also answer at /api/action/{name}.",
        paths={**_ckan_paths("/api/3/action/"), **_ckan_paths("/api/action/", alias=True)},
        schemas=_ckan_schemas(), order=20)
