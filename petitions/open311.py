"""Open311 GeoReport v2 at /open311/v2/. GET answers carry no personal data: no names, no
contacts, no descriptions, no addresses; only numbers, services, statuses, agencies, times
and, for petitions, a rounded point. Every POST goes through petitions.intake, as the web
forms do."""

import datetime
import hashlib
import math
import secrets
import xml.etree.ElementTree as ET

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal import agencies, params
from portal.dates import iso8601

from . import intake
from .forms import ComplaintDetailsForm
from .models import ApiKey, Case, Kind, Status

SERVICES = {
    "petition": (Kind.PETITION, "人民陳情 Petition", "Petitions and suggestions to the mayor"),
    "complaint": (Kind.COMPLAINT, "消費爭議申訴 Consumer complaint",
                  "Consumer dispute complaints"),
}
CODES = {kind: code for code, (kind, _n, _d) in SERVICES.items()}
# GeoReport v2: at most 1,000 requests in one answer, from the last 90 days unless dates are
# given. Paging (`page`, `page_size`) is the common extension of SeeClickFix and Chicago; the
# page's default size is the standard's 1,000, so that a client that does not page sees what
# it always saw. MAX_PAGE keeps the offset far inside what the databases take.
DEFAULT_PAGE_SIZE = 1000
MAX_PAGE_SIZE = 1000
MAX_PAGE = 100_000
DEFAULT_DAYS = 90
# Dates a query may name: the database cannot store times near year 1 or 9999 in UTC.
EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(9000, 1, 1, tzinfo=datetime.UTC)
STATUSES = ("open", "closed")
# In XML, the element that each item of a list becomes (GeoReport v2).
ITEM_TAGS = {"services": "service", "service_requests": "request", "errors": "error",
             "attributes": "attribute", "endpoints": "endpoint", "formats": "format",
             "values": "value"}
# The partner's key: in the body or this header. Never in the address, which access logs,
# proxies and browser histories keep.
API_KEY_HEADER = "X-API-Key"
# Published points are rounded to about 100 m, so that none points at one house.
PUBLIC_DECIMALS = 3


def issue_api_key(name):
    """(ApiKey, key in clear); the clear key exists only in this return value."""
    key = secrets.token_urlsafe(24)
    return ApiKey.objects.create(name=name, key_hash=_hash(key)), key


def _hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def _xml(parent, tag, value):
    node = ET.SubElement(parent, tag)
    if isinstance(value, dict):
        for key, item in value.items():
            _xml(node, key, item)
    elif isinstance(value, list):
        for item in value:
            _xml(node, ITEM_TAGS[tag], item)
    elif isinstance(value, bool):
        node.text = "true" if value else "false"
    elif value is not None:
        node.text = str(value)
    return node


def _render(data, fmt, root, status=200):
    """`data` as JSON, or as GeoReport v2 XML under the element `root`."""
    if fmt == "json":
        return JsonResponse(data, safe=False, status=status)
    top = _xml(ET.Element("document"), root, data)
    body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8", status=status)


def _errors(fmt, status, errors):
    """GeoReport v2's errors: [{"code": status, "description": message}, ...]."""
    return _render([{"code": status, "description": error.message} for error in errors], fmt,
                   "errors", status)


def _error(fmt, status, description, parameter=""):
    return _errors(fmt, status, [params.ParamError(parameter, "invalid", description)])


def render_errors(request, errors, status=400):
    """The registered renderer (portal.params.ErrorFormat): in the format the address asks
    for, XML when it names none this API offers."""
    match = request.resolver_match
    fmt = match.kwargs.get("fmt") if match else None
    return _errors(fmt if fmt in ("json", "xml") else "xml", status, errors)


def _api_view(*methods):
    """Only `methods` and HEAD (405 for others, never the CSRF page: the API uses no
    cookies), and only the json and xml formats."""
    def decorator(view):
        @csrf_exempt
        @require_http_methods([*methods, "HEAD"])
        def wrapped(request, fmt, *args, **kwargs):
            if fmt not in ("json", "xml"):
                return _error("xml", 404, "format must be xml or json")
            return view(request, fmt, *args, **kwargs)

        return wrapped

    return decorator


@csrf_exempt
def not_found(request, path):
    """Any other address under /open311/v2/: an Open311 error, not the site's HTML page."""
    return _error("xml", 404, "no such address in the Open311 API")


@_api_view("GET")
def discovery(request, fmt):
    base = request.build_absolute_uri("/open311/v2/")
    changeset = iso8601(timezone.now())
    return _render({
        "changeset": changeset, "contact": "consumer@kcg.gov.tw",
        "key_service": "高雄市政府行政暨國際處",
        # Extensions (as FixMyStreet's max_requests): the limits of requests.{format}.
        "max_requests": MAX_PAGE_SIZE, "default_page_size": DEFAULT_PAGE_SIZE,
        "max_page": MAX_PAGE, "default_window_days": DEFAULT_DAYS,
        "endpoints": [{"specification": "http://wiki.open311.org/GeoReport_v2", "url": base,
                       "changeset": changeset, "type": "production",
                       "formats": ["text/xml", "application/json"]}],
    }, fmt, "discovery")


def _service(code):
    _kind, name, description = SERVICES[code]
    # metadata: every service has a definition with an attribute (the subject).
    return {"service_code": code, "service_name": name, "description": description,
            "metadata": True, "type": "realtime", "keywords": "", "group": "petitions"}


@_api_view("GET")
def services(request, fmt):
    return _render([_service(code) for code in SERVICES], fmt, "services")


def _attribute(order, code, field):
    """A form field as a GeoReport v2 service attribute."""
    attribute = {"variable": True, "code": code, "datatype": "string",
                 "required": field.required, "datatype_description": None, "order": order,
                 "description": str(field.label)}
    if isinstance(field, forms.ChoiceField):
        attribute["datatype"] = "singlevaluelist"
        attribute["values"] = [{"key": key, "name": str(name)} for key, name in field.choices
                               if key]
    elif isinstance(field, forms.DateField):
        attribute.update(datatype="datetime", datatype_description="YYYY-MM-DD")
    elif isinstance(field, forms.IntegerField):
        attribute.update(datatype="number", datatype_description="NT$, a whole number")
    elif isinstance(field.widget, forms.Textarea):
        attribute["datatype"] = "text"
    return attribute


def service_attributes(code):
    if SERVICES[code][0] == Kind.COMPLAINT:
        fields = ComplaintDetailsForm.base_fields
        return [_attribute(order, name, field)
                for order, (name, field) in enumerate(fields.items(), start=1)]
    return [{"variable": True, "code": "subject", "datatype": "string",
             "required": False, "datatype_description": None, "order": 1,
             "description": "subject"}]


@_api_view("GET")
def service_definition(request, fmt, code):
    if code not in SERVICES:
        return _error(fmt, 404, "unknown service_code")
    return _render({"service_code": code, "attributes": service_attributes(code)}, fmt,
                   "service_definition")


def _public(case):
    status = "closed" if case.status == Status.CLOSED else "open"
    updated = max((event.created_at for event in case.events.all()), default=case.received_at)
    return {
        "service_request_id": case.number,
        "status": status,
        "status_notes": case.get_status_display(),
        "service_name": SERVICES[CODES[case.kind]][1],
        "service_code": CODES[case.kind],
        "agency_responsible": agencies.display_name(case.agency) or None,
        "requested_datetime": iso8601(case.received_at),
        "updated_datetime": iso8601(updated),
        "expected_datetime": iso8601(timezone.make_aware(
            timezone.datetime.combine(case.deadline, timezone.datetime.min.time()))),
        **_public_point(case),
    }


def _public_point(case):
    """Where a petition is about, roughly; never a complaint's place (a home, a shop) and
    never the address as typed, which may name people."""
    if case.kind != Kind.PETITION or case.lat is None or case.long is None:
        return {"lat": None, "long": None}
    return {"lat": round(case.lat, PUBLIC_DECIMALS), "long": round(case.long, PUBLIC_DECIMALS)}


def _cases():
    # The kinds Open311 offers: a comment on a draft regulation is not a service request.
    return (Case.objects.filter(kind__in=list(CODES)).select_related("agency")
            .prefetch_related("events"))


@_api_view("GET", "POST")
def requests_view(request, fmt):
    # PostgreSQL refuses NUL in text, and no Open311 parameter needs one.
    nul = params.nul_parameters(request.GET) + params.nul_parameters(request.POST)
    if nul:
        return _error(fmt, 400, "no parameter may contain a NUL character", nul[0])
    if request.method == "POST":
        return _create(request, fmt)
    try:
        query = RequestsQuery(request.GET).parse()
    except params.ParamErrors as error:
        return _errors(fmt, 400, error.errors)
    page, size = query["page"] or 1, query["page_size"] or DEFAULT_PAGE_SIZE
    start, stop = page_slice(page, size)
    # The primary key breaks ties, so that pages neither repeat nor skip a request.
    cases = _filtered(_cases().order_by("-received_at", "-pk"), query)
    found = list(cases[start:stop + 1])  # one more than the page: is there a next one?
    response = _render([_public(c) for c in found[:size]], fmt, "service_requests")
    links = [(page + 1, "next")] if len(found) > size else []
    if page > 1:
        links.append((page - 1, "prev"))
    if links:
        response["Link"] = ", ".join(f'<{_page_url(request, number)}>; rel="{rel}"'
                                     for number, rel in links)
    return response


def page_slice(page, size):
    """(start, stop) of page `page` (from 1) of `size` items, as a slice takes them."""
    return (page - 1) * size, page * size


def _page_url(request, page):
    query = request.GET.copy()
    query["page"] = page
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


class MomentParameter(forms.Field):
    """An ISO 8601 date and time (or a date, meaning its midnight), in the city's time zone
    when it names none, between EARLIEST and LATEST."""

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        try:
            moment = parse_datetime(text)
            if moment is None and parse_date(text):
                moment = timezone.datetime.combine(parse_date(text),
                                                   timezone.datetime.min.time())
        except ValueError:
            moment = None
        if moment is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=timezone.get_current_timezone())
        if not EARLIEST <= moment <= LATEST:
            raise ValidationError(self.error_messages["range"], code="range")
        return moment


def _moment(name):
    return MomentParameter(required=False, error_messages={
        "invalid": f"{name} is not an ISO 8601 date and time",
        "range": f"{name} must be between 1900 and 9000"})


def _count(name, maximum):
    message = f"{name} must be a whole number from 1 to {maximum}"
    return params.IntegerParameter(min_value=1, max_value=maximum, signed=False,
                                   error_messages={"invalid": message, "min_value": message,
                                                   "max_value": message})


def _choices(name, allowed):
    """A comma-separated list of `allowed` values, exactly as written; empty means all."""
    return params.ListParameter(separator=",", strip=False, choices=allowed, error_messages={
        "invalid_choice": f"{name} must be one or more of {', '.join(allowed)}, "
                          "separated by commas"})


class RequestsQuery(params.QueryForm):
    """The GeoReport v2 query parameters; an unknown value is an error, not ignored."""

    parameters = {
        "service_request_id": params.ListParameter(separator=","),
        "service_code": _choices("service_code", tuple(SERVICES)),
        "status": _choices("status", STATUSES),
        "start_date": _moment("start_date"),
        "end_date": _moment("end_date"),
        "page": _count("page", MAX_PAGE),
        "page_size": _count("page_size", MAX_PAGE_SIZE),
    }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and start > end:
            self.add_error("start_date", ValidationError("start_date is after end_date",
                                                         code="range"))
        return data


def _filtered(cases, data):
    """Cases matching the parsed RequestsQuery `data`."""
    numbers = [number.upper() for number in data["service_request_id"]]
    codes, statuses = data["service_code"], set(data["status"])
    start, end = data["start_date"], data["end_date"]
    if numbers:  # the standard: the other parameters are then ignored (once checked)
        return cases.filter(number__in=numbers)
    if codes:
        cases = cases.filter(kind__in=[SERVICES[code][0] for code in codes])
    if statuses == {"open"}:
        cases = cases.exclude(status=Status.CLOSED)
    elif statuses == {"closed"}:
        cases = cases.filter(status=Status.CLOSED)
    if start is None:
        start = (end or timezone.now()) - timezone.timedelta(days=DEFAULT_DAYS)
    cases = cases.filter(received_at__gte=start)
    return cases.filter(received_at__lte=end) if end else cases


@_api_view("GET")
def request_detail(request, fmt, number):
    case = None if params.has_nul(number) else _cases().filter(number=number.upper()).first()
    if case is None:
        return _error(fmt, 404, "unknown service_request_id")
    return _render([_public(case)], fmt, "service_requests")


def _point(params):
    """(lat, long) in WGS 84, or (None, None) when neither is given."""
    raw = params.get("lat", "").strip(), params.get("long", "").strip()
    if not any(raw):
        return None, None
    try:
        lat, long = (float(value) for value in raw)
    except ValueError:
        raise ValueError("lat and long must both be given, as decimal degrees") from None
    if not (math.isfinite(lat) and math.isfinite(long) and -90 <= lat <= 90
            and -180 <= long <= 180):
        raise ValueError("lat must be between -90 and 90, long between -180 and 180")
    return lat, long


def _complaint_fields(params):
    """The complaint's own fields from the service attributes, checked as the web form
    checks them; ValueError names what was refused."""
    names = ComplaintDetailsForm.base_fields
    form = ComplaintDetailsForm({name: params.get(f"attribute[{name}]", "") for name in names})
    if not form.is_valid():
        raise ValueError("; ".join(f"attribute[{name}]: {' '.join(errors)}"
                                   for name, errors in form.errors.items()))
    return form.cleaned_data


def _check_attributes(params, code):
    """An attribute the service does not define is refused rather than dropped, so that a
    partner who sends a complaint's details under another service learns of it; an empty
    one is nothing sent, as from an HTML form."""
    defined = {attribute["code"] for attribute in service_attributes(code)}
    foreign = sorted(name for name, value in params.items()
                     if name.startswith("attribute[") and value.strip()
                     and name.removeprefix("attribute[").removesuffix("]") not in defined)
    if foreign:
        raise ValueError(f"{', '.join(foreign)}: not an attribute of service {code} "
                         f"(see /open311/v2/services/{code}.json)")


def _create(request, fmt):
    if "api_key" in request.GET:
        return _error(fmt, 400, f"send api_key in the request body or the {API_KEY_HEADER} "
                                "header, never in the address, where logs keep it")
    key = request.POST.get("api_key") or request.headers.get(API_KEY_HEADER, "")
    client = ApiKey.objects.filter(key_hash=_hash(key), active=True).first()
    if client is None:
        return _error(fmt, 403, "a valid api_key is required")
    code = request.POST.get("service_code", "")
    if code not in SERVICES:
        return _error(fmt, 400, "service_code is missing or unknown")
    description = request.POST.get("description", "").strip()[:10000]
    if not description:
        return _error(fmt, 400, "description is required")
    email = request.POST.get("email", "")
    if email:
        try:
            Case._meta.get_field("email").run_validators(email)  # the address and its length
        except ValidationError:
            # The receipt would go nowhere: refused now, while the partner can correct it.
            return _error(fmt, 400, "email is not a valid e-mail address")
    kind = SERVICES[code][0]
    try:
        lat, long = _point(request.POST)
        _check_attributes(request.POST, code)
        details = _complaint_fields(request.POST) if kind == Kind.COMPLAINT else {}
    except ValueError as error:
        return _error(fmt, 400, str(error))
    name = " ".join(filter(None, [request.POST.get("last_name", ""),
                                  request.POST.get("first_name", "")]))[:100]
    fields = {"description": description, "name": name,
              "email": email,
              "phone": request.POST.get("phone", "")[:40],
              "location": request.POST.get("address_string", "")[:200],
              "lat": lat, "long": long, **details}
    if kind == Kind.PETITION:
        fields["subject"] = request.POST.get("attribute[subject]", description[:60])[:200]
    case, tracking_code = intake.submit(kind, fields, channel="open311", client=client.name)
    # GeoReport v2's token: here the tracking code, for the partner to give the citizen.
    return _render([{"service_request_id": case.number, "token": tracking_code,
                     "service_notice": "", "account_id": None}], fmt, "service_requests")
