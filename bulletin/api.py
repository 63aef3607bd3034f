"""/api/gazette/: JSON and CSV search over gazette documents, one document, one issue.

Refusals are in the language the client asks for (`client_language`); the answers
themselves are data and read the same in every language."""

import csv
import functools

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from portal import params
from portal.i18n import default_language

from . import conditions as search
from . import numbering
from .models import GazetteIssuePage, default_language_documents, public_documents
from .serializers import FIELDS, csv_columns, csv_row, document_data, issue_data, page_extras

LOCALE = "locale"


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(data, status=200):
    return _cors(JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False}))


def render_errors(request, errors, status=400):
    """The gazette API's errors: {"errors": {parameter: message}}."""
    return _json({"errors": params.ParamErrors(errors).by_parameter()}, status=status)


def locale_parameter(request):
    """The portal language that `locale=` names (zh-hant or en, in any case); None when it
    is absent or empty. Raises ParamErrors when it names none."""
    value = request.GET.get(LOCALE, "")
    if value == "":
        return None
    for code, _name in settings.LANGUAGES:
        if value.lower() == code.lower():
            return code
    raise params.ParamErrors([params.ParamError(LOCALE, "invalid_choice", _(
        "must be one of %(languages)s") % {"languages": ", ".join(
            code for code, _name in settings.LANGUAGES)})])


def client_language(request):
    """The language a client asks for: `locale=`, else the address's language prefix
    (/en/…), else its Accept-Language (or the site's language cookie), else Chinese."""
    try:
        named = locale_parameter(request)
    except params.ParamErrors:
        named = None
    return (named or translation.get_language_from_path(request.path_info)
            or translation.get_language_from_request(request))


def in_client_language(view):
    """Runs an API view in the client's language, so that its refusals read in it; a
    `locale=` naming no language of the portal is refused."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with translation.override(client_language(request)):
            try:
                locale_parameter(request)
            except params.ParamErrors as error:
                return render_errors(request, error.errors)
            return view(request, *args, **kwargs)

    return wrapped


def _page_url(request, page):
    query = request.GET.copy()
    query["page"] = page
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _results(request):
    """(conditions, result page, rows) or raises params.ParamErrors."""
    conditions = search.parse(request.GET, allowed_fields=FIELDS)
    found = search.run(conditions, default_language_documents())
    corrections, attachments = page_extras(found.items)
    rows = [document_data(document, request, corrections.get(document.pk, ()),
                          attachments.get(document.pk, ())) for document in found.items]
    if conditions.fields:
        rows = [{name: row[name] for name in conditions.fields} for row in rows]
    return conditions, found, rows


@csrf_exempt
@require_GET
@in_client_language
def documents_json(request):
    try:
        _conditions, found, rows = _results(request)
    except params.ParamErrors as error:
        return render_errors(request, error.errors)
    return _json({
        "count": found.count,
        "total_pages": found.total_pages,
        "next_page_url": _page_url(request, found.page + 1) if found.has_next else None,
        "previous_page_url": (_page_url(request, found.page - 1)
                              if found.has_previous else None),
        "results": rows,
    })


@csrf_exempt
@require_GET
@in_client_language
def documents_csv(request):
    try:
        conditions, _found, rows = _results(request)
    except params.ParamErrors as error:
        return render_errors(request, error.errors)
    columns = csv_columns(conditions.fields or FIELDS)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gazette-documents.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Chinese as UTF-8
    writer = csv.writer(response)
    writer.writerow(columns)
    for row in rows:
        cells = csv_row(row)
        writer.writerow([cells[name] for name in columns])
    return _cors(response)


def _not_found(request, parameter, message):
    return render_errors(request, [params.ParamError(parameter, "not_found", message)], 404)


@csrf_exempt  # no cookies or sessions here: a POST gets 405, not the CSRF failure page
@in_client_language
def not_found(request, path):
    """Anything else under /api/gazette/: a JSON 404 rather than the site's HTML page."""
    return _not_found(request, "path", _("no such address in the gazette API"))


@csrf_exempt
@require_GET
@in_client_language
def document_json(request, document_id):
    # id, not pk: pk is the link to Page, whose lookups lack Django's check for a number
    # past the database's integers (which finds nothing instead of an OverflowError).
    document = (default_language_documents()
                .select_related("document_type__parent", "agency", "issue")
                .filter(id=document_id).first())
    if document is None:
        return _not_found(request, "document_id", _("no published document has this id"))
    corrections, attachments = page_extras([document])
    return _json(document_data(document, request, corrections.get(document.pk, ()),
                               attachments.get(document.pk, ()), body=True))


@csrf_exempt
@require_GET
@in_client_language
def issue_json(request, key):
    parsed = numbering.parse_issue_key(key)
    if parsed is None:
        return render_errors(request, [params.ParamError(
            "issue", "invalid", _("must be an issue such as 113-夏-5"))])
    year, volume, number = parsed
    issue = GazetteIssuePage.objects.live().public().filter(
        roc_year=year, volume=volume, number=number,
        locale__language_code=default_language()).first()
    if issue is None:
        return _not_found(request, "issue", _("no published issue has this number"))
    documents = list(public_documents().child_of(issue)
                     .select_related("document_type__parent", "agency", "issue")
                     .order_by("path"))
    corrections, attachments = page_extras(documents)
    data = issue_data(issue)
    data["title"] = issue.title
    data["html_url"] = request.build_absolute_uri(issue.get_url(request))
    data["pdf_url"] = request.build_absolute_uri(issue.pdf.url) if issue.pdf_id else None
    data["documents"] = [document_data(document, request, corrections.get(document.pk, ()),
                                       attachments.get(document.pk, ()))
                         for document in documents]
    return _json(data)
