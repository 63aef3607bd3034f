"""Open311 GeoReport v2 at /open311/v2/. GET answers carry no personal data: no names, no
contacts, no descriptions; only numbers, services, statuses, agencies and times."""

import datetime
import hashlib
import secrets
import xml.etree.ElementTree as ET

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from . import domain
from .models import ApiKey, Case, Kind, Status

SERVICES = {
    "petition": (Kind.PETITION, "人民陳情 Petition", "Petitions and suggestions to the mayor"),
    "complaint": (Kind.COMPLAINT, "消費爭議申訴 Consumer complaint",
                  "Consumer dispute complaints"),
}
CODES = {kind: code for code, (kind, _n, _d) in SERVICES.items()}
# GeoReport v2: at most 1,000 requests, from the last 90 days unless dates are given.
PAGE_SIZE = 1000
DEFAULT_DAYS = 90


def issue_api_key(name):
    """(ApiKey, key in clear); the clear key exists only in this return value."""
    key = secrets.token_urlsafe(24)
    return ApiKey.objects.create(name=name, key_hash=_hash(key)), key


def _hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def _iso(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _render(items, fmt, root, item_tag, status=200):
    if fmt == "json":
        return JsonResponse(items, safe=False, status=status)
    top = ET.Element(root)
    for item in items:
        node = ET.SubElement(top, item_tag)
        for key, value in item.items():
            ET.SubElement(node, key).text = "" if value is None else str(value)
    body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8", status=status)


def _error(fmt, status, description):
    return _render([{"code": status, "description": description}], fmt, "errors", "error",
                   status)


def _check_format(view):
    def wrapped(request, fmt, *args, **kwargs):
        if fmt not in ("json", "xml"):
            return _error("xml", 404, "format must be xml or json")
        return view(request, fmt, *args, **kwargs)

    return wrapped


@_check_format
def discovery(request, fmt):
    base = request.build_absolute_uri("/open311/v2/")
    item = {"changeset": _iso(timezone.now()), "contact": "consumer@kcg.gov.tw",
            "key_service": "高雄市政府行政暨國際處", "endpoints": base}
    return _render([item], fmt, "discovery", "endpoint") if fmt == "xml" else JsonResponse({
        **item, "endpoints": [{"specification": "http://wiki.open311.org/GeoReport_v2",
                               "url": base, "type": "production",
                               "formats": ["text/xml", "application/json"]}]})


def _service(code):
    _kind, name, description = SERVICES[code]
    return {"service_code": code, "service_name": name, "description": description,
            "metadata": "false", "type": "realtime", "keywords": "", "group": "petitions"}


@_check_format
def services(request, fmt):
    return _render([_service(code) for code in SERVICES], fmt, "services", "service")


@_check_format
def service_definition(request, fmt, code):
    if code not in SERVICES:
        return _error(fmt, 404, "unknown service_code")
    attributes = [{"variable": "true", "code": "subject", "datatype": "string",
                   "required": "false", "datatype_description": "", "order": 1,
                   "description": "subject"}]
    if fmt == "json":
        return JsonResponse({"service_code": code, "attributes": attributes})
    return _render(attributes, fmt, "service_definition", "attribute")


def _public(case):
    status = "closed" if case.status == Status.CLOSED else "open"
    updated = max((event.created_at for event in case.events.all()), default=case.received_at)
    return {
        "service_request_id": case.number,
        "status": status,
        "status_notes": case.get_status_display(),
        "service_name": SERVICES[CODES[case.kind]][1],
        "service_code": CODES[case.kind],
        "agency_responsible": case.agency.name if case.agency else None,
        "requested_datetime": _iso(case.received_at),
        "updated_datetime": _iso(updated),
        "expected_datetime": _iso(timezone.make_aware(
            timezone.datetime.combine(case.deadline, timezone.datetime.min.time()))),
    }


def _cases():
    return Case.objects.select_related("agency").prefetch_related("events")


@csrf_exempt
@_check_format
def requests_view(request, fmt):
    if request.method == "POST":
        return _create(request, fmt)
    try:
        cases = _filtered(_cases().order_by("-received_at"), request.GET)
    except ValueError as error:
        return _error(fmt, 400, str(error))
    return _render([_public(c) for c in cases[:PAGE_SIZE]], fmt, "service_requests", "request")


def _moment(params, name):
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None and parse_date(raw):
            moment = timezone.datetime.combine(parse_date(raw), timezone.datetime.min.time())
    except ValueError:
        moment = None
    if moment is None:
        raise ValueError(f"{name} is not an ISO 8601 date and time")
    moment = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    try:
        moment.astimezone(datetime.UTC)  # the database compares in UTC
    except OverflowError as error:
        raise ValueError(f"{name} is out of range") from error
    return moment


def _filtered(cases, params):
    """The GeoReport v2 query parameters; an unknown value is an error, not ignored."""
    numbers = [n.strip().upper() for n in params.get("service_request_id", "").split(",")
               if n.strip()]
    if numbers:  # the standard: other parameters are then ignored
        return cases.filter(number__in=numbers)
    codes = [c.strip() for c in params.get("service_code", "").split(",") if c.strip()]
    if any(code not in SERVICES for code in codes):
        raise ValueError("unknown service_code")
    if codes:
        cases = cases.filter(kind__in=[SERVICES[code][0] for code in codes])
    statuses = {s.strip() for s in params.get("status", "").split(",") if s.strip()}
    if not statuses <= {"open", "closed"}:
        raise ValueError("status must be open, closed or both")
    if statuses == {"open"}:
        cases = cases.exclude(status=Status.CLOSED)
    elif statuses == {"closed"}:
        cases = cases.filter(status=Status.CLOSED)
    start, end = _moment(params, "start_date"), _moment(params, "end_date")
    if start and end and start > end:
        raise ValueError("start_date is after end_date")
    if start is None:
        start = (end or timezone.now()) - timezone.timedelta(days=DEFAULT_DAYS)
    cases = cases.filter(received_at__gte=start)
    return cases.filter(received_at__lte=end) if end else cases


@_check_format
def request_detail(request, fmt, number):
    case = _cases().filter(number=number.upper()).first()
    if case is None:
        return _error(fmt, 404, "unknown service_request_id")
    return _render([_public(case)], fmt, "service_requests", "request")


def _create(request, fmt):
    key = request.POST.get("api_key") or request.GET.get("api_key") or ""
    if not ApiKey.objects.filter(key_hash=_hash(key), active=True).exists():
        return _error(fmt, 403, "a valid api_key is required")
    code = request.POST.get("service_code", "")
    if code not in SERVICES:
        return _error(fmt, 400, "service_code is missing or unknown")
    description = request.POST.get("description", "").strip()[:10000]
    if not description:
        return _error(fmt, 400, "description is required")
    name = " ".join(filter(None, [request.POST.get("last_name", ""),
                                  request.POST.get("first_name", "")]))[:100]
    fields = {"description": description, "name": name,
              "email": request.POST.get("email", "")[:254],
              "phone": request.POST.get("phone", "")[:40],
              "location": request.POST.get("address_string", "")[:200],
              "subject": request.POST.get("attribute[subject]", description[:60])[:200]}
    kind = SERVICES[code][0]
    if kind == Kind.COMPLAINT:
        fields["stage"] = "first"
    case, _code = domain.create_case(kind, fields)
    return _render([{"service_request_id": case.number, "service_notice": "",
                     "account_id": None}], fmt, "service_requests", "request")
