"""Requests no view could use are refused before any view runs, with a 4xx in the user's
language: a body over PORTAL_MAX_REQUEST_BYTES or form fields over Django's DATA_UPLOAD_*
limits, a multipart body that does not parse, and text that is not UTF-8 or holds a NUL
character (which PostgreSQL's text cannot store)."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal import params

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def _is_utf8(raw):
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _form_text_problem(raw, nul_allowed):
    """Which message a query string or urlencoded body earns once unquoted, or None."""
    text = unquote_to_bytes(raw.replace(b"+", b" "))
    if not _is_utf8(text):
        return "encoding"
    return "nul" if params.NUL.encode() in text and not nul_allowed else None


def _message(key):
    """The refusal's message for a status or a problem's name, in the request's language."""
    return {
        400: _("The request could not be read. Check what you entered and try again."),
        413: _("The request is too large. Send less at a time (attachments at most 10 MB "
               "each) and try again."),
        "encoding": _("The request contains text that is not UTF-8. Enter it again, or "
                      "set your program to send UTF-8."),
        "fields": _("The request has too many fields."),
        "nul": _("The request contains a NUL character, which text cannot hold. Enter it "
                 "again without it."),
    }[key]


def refusal(request, status, message=None):
    """The 4xx answer: an HTML page for browsers, JSON for everything else (the APIs)."""
    message = message or _message(status)
    if "text/html" in request.headers.get("Accept", ""):
        return render(request, "portal/security/refused.html",
                      {"message": message, "status": status}, status=status)
    return JsonResponse({"error": message}, status=status,
                        json_dumps_params={"ensure_ascii": False})


def bad_request(request, exception=None):
    """handler400: Django's answer to SuspiciousOperation and BadRequest raised in a view."""
    return refusal(request, 400)


def problem(request):
    """(status, message) for a request to refuse, or None. The messages are translated
    only for a refusal: every request passes through here."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 400, _message(400)
    if length > settings.PORTAL_MAX_REQUEST_BYTES:
        return 413, _message(413)
    # APIs that refuse a NUL themselves, in the error format their clients read (CKAN's
    # envelope, the gazette's errors by parameter, GeoReport's error list).
    nul_allowed = request.path.startswith(params.own_nul_check_prefixes())
    query = _form_text_problem(get_bytes_from_wsgi(request.environ, "QUERY_STRING", ""),
                               nul_allowed)
    if query:
        return 400, _message(query)
    try:
        request.GET  # noqa: B018 - parsing counts the fields against Django's limit
        posted = request.method == "POST"
        form = posted and request.content_type == FORM
        body = form and _form_text_problem(request.body, nul_allowed)
        if body:
            return 400, _message(body)
        if posted and request.content_type == MULTIPART:
            return _multipart_problem(request, length, nul_allowed)
    except RequestDataTooBig:
        return 413, _message(413)
    except (TooManyFieldsSent, TooManyFilesSent):
        return 400, _message("fields")
    except (SuspiciousOperation, BadRequest, MultiPartParserError):
        return 400, _message(400)
    return None


def _multipart_problem(request, length, nul_allowed):
    values = [value for _name, values in request.POST.lists() for value in values]
    # Django's parser stops quietly at a cut-off body: one longer than its closing boundary
    # that yields no field and no file did not parse.
    closing = len(request.content_params.get("boundary", "")) + 8
    if not values and not request.FILES and length > closing:
        return 400, _message(400)
    # Django decodes multipart fields with replacement characters; public forms refuse them
    # rather than keep a garbled version of what someone wrote.
    public = not request.path.startswith(settings.PORTAL_STAFF_PATHS)
    if public and any("\ufffd" in value for value in values):
        return 400, _message("encoding")
    if not nul_allowed and any(params.has_nul(value) for value in values):
        return 400, _message("nul")
    return None


class RequestLimitsMiddleware:
    """After LocaleMiddleware (the answer is in the page's language), before CSRF (which
    would otherwise be first to parse the body)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = problem(request)
        if refused:
            return refusal(request, *refused)
        return self.get_response(request)
