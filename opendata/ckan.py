"""A read-only subset of the CKAN Action API (v3), so ckanapi and CKAN harvesters work.

Shapes follow CKAN: every answer is {"help", "success", "result"}; failures are
{"success": false, "error": {"__type", "message"}} with 404 (not found) or 409 (validation).
"""

import json
import uuid

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.params import IntegerParameter, ParamErrors, has_nul, is_digits, read

from . import catalogue, metadata

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
ROWS_MAX = 1000
ROWS_DEFAULT = 10
FACET_FIELDS = {"organization", "groups", "tags", "res_format", "license_id"}
# CKAN's asbool spellings; anything else is refused, not read as false.
BOOLEANS = {"true": True, "yes": True, "on": True, "1": True,
            "false": False, "no": False, "off": False, "0": False}
# Up to 30 digits: nothing here counts near 10**30, and int() refuses past 4,300 digits.
NATURAL = IntegerParameter(min_value=0, max_digits=30, error_messages={
    "invalid": "Invalid integer", "min_value": "Must be a natural number"})
SORTS = {
    "score": "title",
    "name": "slug",
    "title_string": "title",
    "metadata_modified": "last_published_at",
    "metadata_created": "first_published_at",
}


class ActionError(Exception):
    def __init__(self, kind, message, status):
        super().__init__(message)
        self.kind, self.message, self.status = kind, message, status


def not_found(message="Not found"):
    return ActionError("Not Found Error", message, 404)


def invalid(message):
    return ActionError("Validation Error", message, 409)


def _envelope(request, action, payload, status=200):
    payload = {"help": request.build_absolute_uri(f"/api/3/action/help_show?name={action}"),
               **payload}
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


def render_errors(request, errors, status=409):
    """CKAN's failure envelope, {"success": false, "error": {"__type", "message"}}: a
    Validation Error (409) names the parameters, "name: problem"."""
    kind = "Not Found Error" if status == 404 else "Validation Error"
    message = "; ".join(f"{error.parameter}: {error.message}" if error.parameter
                        else error.message for error in errors)
    match = request.resolver_match
    action = match.kwargs.get("action", "") if match else ""
    return _envelope(request, action, {"success": False, "error": {
        "__type": kind, "message": message}}, status)


@csrf_exempt
@require_http_methods(["GET", "POST", "HEAD"])
def action(request, action):
    handler = ACTIONS.get(action)
    if handler is None:
        return _envelope(request, action, {"success": False, "error": {
            "__type": "Not Found Error", "message": f"Action name not known: {action}"}}, 404)
    try:
        result = handler(request, _params(request))
    except ActionError as error:
        return _envelope(request, action, {"success": False, "error": {
            "__type": error.kind, "message": error.message}}, error.status)
    except ParamErrors as error:
        return render_errors(request, error.errors, 409)
    return _envelope(request, action, {"success": True, "result": result})


def _params(request):
    if request.method == "POST" and request.content_type in FORM_TYPES:
        # Form fields are text, like a query string's (request.body is spent on multipart).
        params = QueryParams((key, request.POST.get(key)) for key in request.POST)
    elif request.method == "POST" and request.body:
        try:
            body = json.loads(request.body)
        except (ValueError, RecursionError) as error:  # RecursionError: nesting too deep
            raise invalid("The request body is not valid JSON.") from error
        if not isinstance(body, dict):
            raise invalid("The request body must be a JSON object.")
        params = body
    else:
        params = QueryParams((key, request.GET.get(key)) for key in request.GET)
    for name, value in params.items():
        problem = _text_problem(name) or _text_problem(value)
        if problem:
            raise invalid(f"{_printable(name)}: {problem}")
    return params


def _text_problem(value):
    """Why text anywhere in a parameter cannot be used, or None.

    PostgreSQL refuses NUL in text, and a lone surrogate (JSON's "\\ud800") is text that no
    database driver can encode; no parameter needs either."""
    if isinstance(value, str):
        if has_nul(value):
            return "Must not contain NUL characters"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "Must not contain lone surrogates (invalid Unicode)"
        return None
    if isinstance(value, list):
        items = value
    elif isinstance(value, dict):
        items = (*value, *value.values())
    else:
        return None
    return next(filter(None, map(_text_problem, items)), None)


def _printable(name):
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


class QueryParams(dict):
    """Parameters from a query string, where every value is text and an empty one means
    the parameter is not given. A JSON body says its types itself and is held to them."""


# A wrong type in a JSON body, or a value that does not read as its type in a query string,
# gets a Validation Error rather than a crash or a silent default.

def _given(params, name):
    raw = params.get(name)
    return None if raw == "" and isinstance(params, QueryParams) else raw


def _int(params, name, default, maximum=None):
    raw = _given(params, name)
    if raw is None:
        return default
    if isinstance(params, QueryParams):
        value = read(name, NATURAL, raw)
    elif isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
        if value < 0:
            raise invalid(f"{name}: Must be a natural number")
    else:
        raise invalid(f"{name}: Invalid integer")
    return min(value, maximum) if maximum is not None else value


def _text(params, name):
    raw = params.get(name)
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise invalid(f"{name}: Must be a string")
    return raw


def _bool(params, name):
    raw = _given(params, name)
    if raw is None or isinstance(raw, bool):
        return bool(raw)
    if isinstance(params, QueryParams) and raw.strip().lower() in BOOLEANS:
        return BOOLEANS[raw.strip().lower()]
    raise invalid(f"{name}: Invalid boolean")


def _id(params, name="id"):
    value = params.get(name) or (params.get("name") if name == "id" else None)
    if not value:
        raise invalid(f"Missing value: {name}")
    return str(value)


def package_list(request, params):
    limit = _int(params, "limit", 0) or None
    offset = _int(params, "offset", 0)
    names = list(metadata.datasets().order_by("identifier").values_list("identifier", flat=True))
    return names[offset:offset + limit] if limit else names[offset:]


def package_show(request, params):
    wanted = _id(params)
    dataset = metadata.datasets().filter(identifier=wanted).first()
    if dataset is None:
        dataset = metadata.datasets().filter(translation_key__iexact=wanted).first() \
            if _is_uuid(wanted) else None
    if dataset is None:
        raise not_found()
    return metadata.package_dicts(request, [dataset])[0]


def _is_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _fq_filters(fq):
    """CKAN's Solr filter query, reduced to the field:value terms harvesters send."""
    terms = {}
    for token in _split_terms(fq or ""):
        field, _, value = token.partition(":")
        value = value.strip('"')
        if not value:
            continue
        field = field.lstrip("+")
        if field == "organization":
            terms["agency"] = value.upper()
        elif field == "groups":
            terms["category"] = value
        elif field == "tags":
            terms["tag"] = value
        elif field == "res_format":
            terms["format"] = value
    return terms


def _split_terms(text):
    tokens, current, quoted = [], "", False
    for char in text:
        if char == '"':
            quoted = not quoted
            current += char
        elif char.isspace() and not quoted:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += char
    if current:
        tokens.append(current)
    return tokens


def package_search(request, params):
    rows = _int(params, "rows", ROWS_DEFAULT, ROWS_MAX)
    start = _int(params, "start", 0)
    q = _text(params, "q").strip()
    if q in ("*:*", "*"):
        q = ""
    filters = catalogue.Filters(q=q[:100], **_fq_filters(_text(params, "fq")))
    matching = catalogue.filter_datasets(metadata.datasets(), filters)

    sort = _text(params, "sort").split(",")[0].split() or ["score", "desc"]
    field = SORTS.get(sort[0])
    if field is None:
        raise invalid(f"sort: cannot sort by {sort[0]}")
    descending = len(sort) > 1 and sort[1].lower() == "desc" and sort[0] != "score"
    ordered = matching.order_by(f"-{field}" if descending else field, "pk")

    count = matching.count()
    # Past the last match there is nothing to fetch, and a huge start would overflow the
    # database's OFFSET.
    page = list(ordered[start:start + rows]) if rows and start < count else []
    facet_fields = _facet_fields(params.get("facet.field"))
    facets = metadata.ckan_facets(matching, facet_fields)
    return {
        "count": count,
        "sort": " ".join(sort),
        "results": metadata.package_dicts(request, page),
        "facets": {name: {item["name"]: item["count"] for item in items}
                   for name, items in facets.items()},
        "search_facets": {name: {"title": name, "items": items}
                          for name, items in facets.items()},
    }


def _facet_fields(raw):
    if raw in (None, ""):
        return []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError) as error:  # RecursionError: nesting too deep
            raise invalid("facet.field: must be a JSON list") from error
    if not isinstance(raw, list) or not all(isinstance(name, str) for name in raw):
        raise invalid("facet.field: must be a JSON list of field names")
    return [name for name in raw if name in FACET_FIELDS]


def organization_list(request, params):
    organizations = metadata.organizations()
    if _bool(params, "all_fields"):
        return organizations
    return [organization["name"] for organization in organizations]


def organization_show(request, params):
    wanted = _id(params).lower()
    for organization in metadata.organizations():
        if wanted in (organization["name"], organization["id"]):
            return organization
    raise not_found()


def group_list(request, params):
    groups = metadata.groups()
    if _bool(params, "all_fields"):
        return groups
    return [group["name"] for group in groups]


def group_show(request, params):
    wanted = _id(params)
    for group in metadata.groups():
        if wanted in (group["name"], group["id"]):
            return group
    raise not_found()


def tag_list(request, params):
    return metadata.tag_names()


def resource_show(request, params):
    wanted = _id(params)
    if not is_digits(wanted):
        raise not_found()
    resource = metadata.resource(request, int(wanted))
    if resource is None:
        raise not_found()
    return resource


def license_list(request, params):
    return [metadata.LICENCE]


def status_show(request, params):
    return {"ckan_version": "2.10.0", "site_title": "高雄市政府行政暨國際處開放資料",
            "site_url": request.build_absolute_uri("/"), "site_description": "",
            "locale_default": "zh_Hant_TW", "extensions": []}


ACTIONS = {
    "package_list": package_list,
    "package_show": package_show,
    "package_search": package_search,
    "organization_list": organization_list,
    "organization_show": organization_show,
    "group_list": group_list,
    "group_show": group_show,
    "tag_list": tag_list,
    "resource_show": resource_show,
    "license_list": license_list,
    "status_show": status_show,
}
