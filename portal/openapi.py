"""The OpenAPI 3.1 description of the portal's machine interfaces, served at
/api/openapi.json, and the small schema builders the apps write their parts with.

Each app describes its own API next to its code (bulletin/openapi.py, opendata/openapi.py,
petitions/openapi.py) and registers an `ApiDescription` under
`extensions.API_DESCRIPTIONS` in its wagtail_hooks.py:

    @hooks.register(extensions.API_DESCRIPTIONS)
    def gazette_api():
        return [ApiDescription(tag="gazette", title="電子公報", summary="...",
                               paths=..., schemas=..., order=10)]

`document()` puts them together in `order`, paths and schemas in the order each API gives
them. A description says what the views really answer, status codes and error bodies
included, because schemathesis checks the live APIs against it (tests/portal/test_openapi.py
and bench/openapi_fuzz.py): a change to an API that is not made in its description too
fails the suite.

Wagtail's own API at /api/v2/ is named here but not described. No maintained generator
describes it correctly: drf-spectacular (and DRF's and drf-yasg's generators) cannot run
Wagtail's endpoints outside a routed request (they need `request.wagtailapi_router`), do
not know their `listing_view`/`detail_view` actions, and Wagtail builds each page
serializer per request from the `type` and `fields` parameters, so the bodies would be
described wrongly (drf-spectacular#141, wagtail#6209); schemathesis would then fail on a
description that is not the API's truth."""

from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from portal import extensions

OPENAPI_VERSION = "3.1.0"

STRING = {"type": "string"}
URI = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
DATE_TIME = {"type": "string", "format": "date-time"}
# A moment as the APIs answer it (portal.dates.iso8601): on the Taipei clock, whatever
# offset a client may send.
TAIPEI_DATE_TIME = {**DATE_TIME, "pattern": r"\+08:00$"}
COUNT = {"type": "integer", "minimum": 0}


def nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def or_empty(schema):
    """Query parameters that HTML forms also send: an empty value means the parameter is
    absent."""
    return {"anyOf": [schema, {"const": ""}]}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def closed_object(properties, required=None, **extra):
    """A closed object: every property listed, none missing unless `required` says so."""
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required,
            "additionalProperties": False, **extra}


def json_response(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def query(name, schema, description, required=False):
    parameter = {"name": name, "in": "query", "required": required, "schema": schema,
                 "description": description}
    if schema.get("type") == "array":
        parameter.update(style="form", explode=True)
    return parameter


def path_parameter(name, schema, description):
    return {"name": name, "in": "path", "required": True, "schema": schema,
            "description": description}


@dataclass(frozen=True)
class ApiDescription:
    """One app's API: its operations carry the tag `tag` (described as `title`); `summary`
    is its phrase in the document's description and `note` a sentence more there. `paths`
    and `schemas` are OpenAPI path items and component schemas; schema names start with
    the API's own prefix, since all APIs share one components section."""

    tag: str
    title: str
    summary: str
    paths: dict
    schemas: dict
    note: str = ""
    order: int = 100


def registered_descriptions():
    return sorted(extensions.collect(extensions.API_DESCRIPTIONS),
                  key=lambda api: (api.order, api.tag))


def _merged(apis, part):
    merged = {}
    for api in apis:
        clash = set(merged) & set(getattr(api, part))
        if clash:  # one API would silently replace the other's
            raise ImproperlyConfigured(f"{api.tag} describes {part} already described: {clash}")
        merged.update(getattr(api, part))
    return merged


def _listed(phrases):
    """a, b, and c"""
    if len(phrases) < 3:
        return " and ".join(phrases)
    return ", ".join(phrases[:-1]) + ", and " + phrases[-1]


def _description(apis):
    listed = _listed([api.summary for api in apis])
    return " ".join([
        f"{listed[:1].upper()}{listed[1:]}.",
        "Dates are ISO 8601 with the Taipei offset (+08:00).",
        *(api.note for api in apis if api.note),
        "Pages themselves are in the Wagtail API at /api/v2/.",
    ])


# The web server (gunicorn, --limit-request-line) refuses a request line over 4,094 bytes
# before the portal sees it; every operation can meet that answer, so every one names it.
URI_TOO_LONG = {"414": {"description": "URI Too Long: the request line is over 4,094 bytes "
                                       "(the server's limit); send fewer or shorter "
                                       "parameters, or POST where the operation takes it."}}


def _with_transport_answers(paths):
    return {path: {method: {**operation,
                            "responses": {**operation["responses"], **URI_TOO_LONG}}
                   for method, operation in operations.items()}
            for path, operations in paths.items()}


def build(apis):
    """The whole document, from `apis` in the order given."""
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "高雄市政府行政暨國際處 public APIs",
            "version": "1",
            "description": _description(apis),
        },
        "servers": [{"url": "/"}],
        "tags": [{"name": api.tag, "description": api.title} for api in apis],
        "paths": _with_transport_answers(_merged(apis, "paths")),
        "components": {"schemas": _merged(apis, "schemas")},
    }


@cache
def document():
    return build(registered_descriptions())


@require_safe
@cache_control(max_age=3600, public=True)
def openapi_json(request):
    response = JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # so API explorers elsewhere can read it
    return response
