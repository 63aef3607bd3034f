"""A read-only subset of the CKAN Action API (v3), so ckanapi and CKAN harvesters work.

Shapes follow CKAN: every answer is {"help", "success", "result"}; failures are
{"success": false, "error": {"__type", "message"}} with 404 (not found) or 409 (validation).
"""

import inspect
import json
import math
import uuid

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.params import IntegerParameter, ParamErrors, has_nul, is_digits, read
from search.analysis import normalise

from . import catalogue, metadata

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
ROWS_MAX = 1000
ROWS_DEFAULT = 10
# organization_show include_datasets gives the first datasets only, as CKAN does.
ORGANIZATION_DATASETS = 10
FACET_LIMIT_DEFAULT = 50
FACET_FIELDS = {"organization", "groups", "tags", "res_format", "license_id"}
# The spellings of CKAN's boolean_validator and asbool; anything else is refused rather
# than read as false, so that a typo does not pass unnoticed.
BOOLEANS = {"true": True, "yes": True, "on": True, "y": True, "t": True, "1": True,
            "false": False, "no": False, "off": False, "n": False, "f": False, "0": False}
# Up to 30 digits: nothing here counts near 10**30, and int() refuses past 4,300 digits.
NATURAL = IntegerParameter(min_value=0, max_digits=30, error_messages={
    "invalid": "Invalid integer", "min_value": "Must be a natural number"})
POSITIVE = IntegerParameter(min_value=1, max_digits=30, error_messages={
    "invalid": "Invalid integer", "min_value": "Must be a positive integer"})
INTEGER = IntegerParameter(max_digits=30, error_messages={"invalid": "Invalid integer"})
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
        params = {key: request.POST.get(key) for key in request.POST}
    elif request.method == "POST" and request.body:
        try:
            body = json.loads(request.body)
        except (ValueError, RecursionError) as error:  # RecursionError: nesting too deep
            raise invalid("The request body is not valid JSON.") from error
        if not isinstance(body, dict):
            raise invalid("The request body must be a JSON object.")
        params = body
    else:
        params = {key: request.GET.get(key) for key in request.GET}
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


# Numbers and booleans are read as CKAN's validators read them (int_validator,
# boolean_validator): as their JSON type or as text, wherever they come from, since
# `ckanapi action package_search rows=5` sends {"rows": "5"}. Blank text is a parameter
# not given. What does not read as the type is a Validation Error, not a silent default.

def _given(params, name):
    raw = params.get(name)
    return None if isinstance(raw, str) and not raw.strip() else raw


def _int(params, name, default, maximum=None, field=NATURAL):
    raw = _given(params, name)
    if raw is None:
        return default
    if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        raw = int(raw)  # CKAN takes 5.0 for 5, and refuses 1.5
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
        if field.min_value is not None and value < field.min_value:
            raise invalid(f"{name}: {field.error_messages['min_value']}")
    elif isinstance(raw, str):
        value = read(name, field, raw)
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


def _bool(params, name, default=False):
    raw = _given(params, name)
    if raw is None:
        return default
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in BOOLEANS:
        return BOOLEANS[raw.strip().lower()]
    raise invalid(f"{name}: Invalid boolean")


def _id(params, name="id"):
    value = params.get(name) or (params.get("name") if name == "id" else None)
    if not value:
        raise invalid(f"Missing value: {name}")
    return str(value)


def package_list(request, params):
    """Return a list of the names of the site's datasets (packages).

    :param limit: if given, the list of datasets will be broken into pages of
        at most ``limit`` datasets per page and only one page will be returned
        at a time (optional)
    :type limit: int
    :param offset: when ``limit`` is given, the offset to start
        returning packages from
    :type offset: int

    :rtype: list of strings
    """
    limit = _int(params, "limit", 0) or None
    offset = _int(params, "offset", 0)
    names = list(metadata.datasets().order_by("identifier").values_list("identifier", flat=True))
    return names[offset:offset + limit] if limit else names[offset:]


def current_package_list_with_resources(request, params):
    """Return a list of the site's datasets (packages) and their resources.

    The list is sorted most-recently-modified first.

    :param limit: if given, the list of datasets will be broken into pages of
        at most ``limit`` datasets per page and only one page will be returned
        at a time (optional, default: 10, at most 1000)
    :type limit: int
    :param offset: when ``limit`` is given, the offset to start
        returning packages from
    :type offset: int
    :param page: when ``limit`` is given, which page to return,
        Deprecated: use ``offset``
    :type page: int

    :rtype: list of dictionaries
    """
    limit = _int(params, "limit", None)
    offset = _int(params, "offset", None)
    page = _int(params, "page", None, field=POSITIVE)
    if offset is None:
        offset = (page - 1) * limit if page and limit else 0
    rows = ROWS_DEFAULT if limit is None else min(limit, ROWS_MAX)
    newest = metadata.datasets().order_by("-last_published_at", "pk")
    # Past the last dataset there is nothing to fetch, and a huge offset (page × limit)
    # would overflow the database's OFFSET.
    if not rows or offset >= newest.count():
        return []
    return metadata.package_dicts(request, list(newest[offset:offset + rows]))


def package_show(request, params):
    """Return the metadata of a dataset (package) and its resources.

    :param id: the id or name of the dataset
    :type id: string

    :rtype: dictionary
    """
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
    """Searches for packages satisfying a given search criteria.

    Words are matched as the site search matches them: Traditional and
    Simplified Chinese alike, full-width letters and digits as half-width ones,
    English words by their stems. A dataset also matches when one of its tags
    is the query.

    :param q: the words to search for; ``*:*`` or nothing for every dataset
    :type q: string
    :param fq: filter queries: ``organization:``, ``groups:``, ``tags:`` and
        ``res_format:`` terms
    :type fq: string
    :param sort: a field (score, name, title_string, metadata_modified,
        metadata_created) and ``asc`` or ``desc``; default ``score desc``
    :type sort: string
    :param rows: the maximum number of datasets to return (optional,
        default: 10, upper limit: 1000)
    :type rows: int
    :param start: the offset in the complete result for where the set of
        returned datasets should begin
    :type start: int
    :param facet.field: the fields to facet upon (organization, groups, tags,
        res_format, license_id), a JSON list
    :type facet.field: list of strings
    :param facet.limit: the maximum number of values each facet field
        returns; a negative value means unlimited (default: 50)
    :type facet.limit: int
    :param facet.mincount: the minimum count a facet value needs to be
        listed (default: 1)
    :type facet.mincount: int
    :param include_private: accepted; only public datasets are published
    :type include_private: bool
    :param include_drafts: accepted; drafts are never published
    :type include_drafts: bool

    :rtype: dictionary with ``count``, ``sort``, ``results``, ``facets`` and
        ``search_facets``
    """
    rows = _int(params, "rows", ROWS_DEFAULT, ROWS_MAX)
    start = _int(params, "start", 0)
    facet_limit = _int(params, "facet.limit", FACET_LIMIT_DEFAULT, field=INTEGER)
    facet_mincount = _int(params, "facet.mincount", 1)
    for name in ("include_private", "include_drafts", "include_deleted"):
        _bool(params, name)
    q = _text(params, "q").strip()
    if q in ("*:*", "*"):
        q = ""
    filters = catalogue.Filters(**_fq_filters(_text(params, "fq")))
    matching = catalogue.filter_datasets(metadata.datasets(), filters)
    if q:
        matching = matching.filter(catalogue.text_matches(metadata.datasets(), q[:100]))

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
    facets = {name: [item for item in items if item["count"] >= facet_mincount][
        :facet_limit if facet_limit >= 0 else None]
        for name, items in metadata.ckan_facets(matching, facet_fields).items()}
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


def _page(items, params):
    limit = _int(params, "limit", 0) or None
    offset = _int(params, "offset", 0)
    return items[offset:offset + limit] if limit else items[offset:]


def organization_list(request, params):
    """Return a list of the names of the site's organizations: the agencies
    that publish datasets.

    :param all_fields: return group dictionaries instead of just names
        (optional, default: ``False``)
    :type all_fields: bool
    :param limit: the maximum number of organizations returned (optional)
    :type limit: int
    :param offset: when ``limit`` is given, the offset to start returning
        organizations from (optional)
    :type offset: int

    :rtype: list of strings
    """
    organizations = _page(metadata.organizations(), params)
    if _bool(params, "all_fields"):
        return organizations
    return [organization["name"] for organization in organizations]


def organization_show(request, params):
    """Return the details of a organization.

    :param id: the id or name of the organization (the agency code)
    :type id: string
    :param include_datasets: include a truncated list of the org's datasets
         (optional, default: ``False``)
    :type include_datasets: bool
    :param include_dataset_count: include the full package_count
         (optional, default: ``True``)
    :type include_dataset_count: bool
    :param include_extras: include the organization's extra fields
         (optional, default: ``True``)
    :type include_extras: bool
    :param include_groups: include the organization's sub groups
         (optional, default: ``True``)
    :type include_groups: bool
    :param include_tags: include the organization's tags
         (optional, default: ``True``)
    :type include_tags: bool
    :param include_followers: include the organization's number of followers
         (optional, default: ``True``)
    :type include_followers: bool

    :rtype: dictionary

    .. note:: Only its first 10 datasets are returned
    """
    wanted = _id(params).lower()
    include = {name: _bool(params, f"include_{name}", default) for name, default in (
        ("datasets", False), ("dataset_count", True), ("extras", True), ("groups", True),
        ("tags", True), ("followers", True))}
    found = next((organization for organization in metadata.organizations()
                  if wanted in (organization["name"], organization["id"])), None)
    if found is None:
        raise not_found()
    organization = {key: value for key, value in found.items() if key != "groups"}
    organization.update({name: [] for name in ("extras", "groups", "tags") if include[name]})
    if include["datasets"]:
        newest = metadata.organization_datasets(found["id"]).order_by("-last_published_at", "pk")
        organization["packages"] = metadata.package_dicts(
            request, list(newest[:ORGANIZATION_DATASETS]))
    elif not include["dataset_count"]:
        del organization["package_count"]
    return organization


def group_list(request, params):
    """Return a list of the names of the site's groups: the service
    categories that datasets are filed under.

    :param all_fields: return group dictionaries instead of just names
        (optional, default: ``False``)
    :type all_fields: bool
    :param limit: the maximum number of groups returned (optional)
    :type limit: int
    :param offset: when ``limit`` is given, the offset to start returning
        groups from (optional)
    :type offset: int

    :rtype: list of strings
    """
    groups = _page(metadata.groups(), params)
    if _bool(params, "all_fields"):
        return groups
    return [group["name"] for group in groups]


def group_show(request, params):
    """Return the details of a group (a service category).

    :param id: the id or name of the group
    :type id: string

    :rtype: dictionary
    """
    wanted = _id(params)
    for group in metadata.groups():
        if wanted in (group["name"], group["id"]):
            return group
    raise not_found()


def tag_list(request, params):
    """Return a list of the site's tags.

    The portal has free tags only, no vocabularies: a ``vocabulary_id``
    names no vocabulary.

    :param query: a tag name query to search for, if given only tags whose
        names contain this string will be returned (optional); Traditional
        and Simplified Chinese, full-width and half-width alike
    :type query: string
    :param vocabulary_id: the id or name of a vocabulary (optional)
    :type vocabulary_id: string
    :param all_fields: return full tag dictionaries instead of just names
        (optional, default: ``False``)
    :type all_fields: bool

    :rtype: list of dictionaries
    """
    query, q = _text(params, "query"), _text(params, "q")  # both checked, either used
    query = (query or q).strip()
    vocabulary = _text(params, "vocabulary_id")
    all_fields = _bool(params, "all_fields")
    if vocabulary:
        if not query:  # as CKAN: a vocabulary that does not exist is not found...
            raise not_found(f"Not found: could not find vocabulary '{vocabulary}'")
        return []  # ...unless searched, which finds no tags in it
    names = metadata.tag_names()
    if query:
        wanted = normalise(query)
        names = [name for name in names if wanted in normalise(name)]
    return [metadata.tag_dict(name) for name in names] if all_fields else names


def resource_show(request, params):
    """Return the metadata of a resource (a file of a dataset).

    :param id: the id of the resource
    :type id: string

    :rtype: dictionary
    """
    wanted = _id(params)
    if not is_digits(wanted):
        raise not_found()
    resource = metadata.resource(request, int(wanted))
    if resource is None:
        raise not_found()
    return resource


def license_list(request, params):
    """Return the list of licenses available for datasets on the site.

    :rtype: list of dictionaries
    """
    return [metadata.LICENCE]


def status_show(request, params):
    """Return a dictionary with information about the site's configuration.

    :rtype: dictionary
    """
    return {"ckan_version": "2.10.0", "site_title": "高雄市政府行政暨國際處開放資料",
            "site_url": request.build_absolute_uri("/"), "site_description": "",
            "locale_default": "zh_Hant_TW", "extensions": []}


def help_show(request, params):
    """Return the help string for a particular API action.

    :param name: Action function name (eg `package_search`)
    :type name: string
    :returns: The help string for the action function
    :rtype: string

    :raises: Not Found Error: if the action function doesn't exist
    """
    name = _text(params, "name")
    if not name:
        raise invalid("Missing value: name")
    if name not in ACTIONS:
        raise not_found("Not found: Action function not found")
    return inspect.getdoc(ACTIONS[name])


ACTIONS = {
    "help_show": help_show,
    "package_list": package_list,
    "current_package_list_with_resources": current_package_list_with_resources,
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
