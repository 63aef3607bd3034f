"""Counts of the documents a gazette search finds, per type, agency or year: the Federal
Register API's /documents/facets/{facet}. Each facet answers {value: {"count", "name"}},
the value being what the search takes back as a condition (conditions[type][],
conditions[agency][], conditions[publication_date][year]), most documents first."""

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from portal import agencies, params
from portal.models import Agency

from . import api
from . import conditions as search
from .models import DocumentType, default_language_documents


def _types(queryset):
    """Per top-level type, as the search's `type` field names it: its subtypes count in it."""
    by_type = dict(queryset.order_by().values_list("document_type").annotate(n=Count("pk")))
    counts = {}
    for document_type in DocumentType.objects.select_related("parent").filter(
            pk__in=list(by_type)):
        top = document_type.top
        entry = counts.setdefault(top.name, {"count": 0, "name": top.name,
                                             "name_en": top.name_en or None})
        entry["count"] += by_type[document_type.pk]
    return counts


def _agencies(queryset):
    # A document may refer to its agency's translation: one count per agency.
    by_agency = agencies.merged_counts(
        queryset.order_by().values_list("agency").annotate(n=Count("pk")))
    english = agencies.names_in("en")
    return {agency.code: {"count": by_agency[agency.pk], "name": agency.name,
                          "name_en": english.get(str(agency.translation_key))}
            for agency in Agency.objects.filter(pk__in=list(by_agency))}


def _years(queryset):
    by_year = (queryset.order_by().annotate(year=ExtractYear("publication_date"))
               .values_list("year").annotate(n=Count("pk")))
    return {str(year): {"count": n, "name": str(year), "name_en": str(year)}
            for year, n in by_year if year is not None}


FACETS = {"type": _types, "agency": _agencies, "year": _years}


def counts(facet, queryset):
    """{value: {"count", "name", "name_en"}} of `queryset` for one of FACETS, most first
    (then by value, so that equal counts keep one order)."""
    found = FACETS[facet](queryset)
    return dict(sorted(found.items(), key=lambda item: (-item[1]["count"], item[0])))


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt
@require_GET
@api.in_client_language
def facets_json(request, facet):
    """/api/gazette/documents/facets/<facet>: the search's conditions, its paging ignored."""
    if facet not in FACETS:
        return api.render_errors(request, [params.ParamError(
            "facet", "not_found", _("no such facet: the facets are %(facets)s") % {
                "facets": ", ".join(FACETS)})], status=404)
    try:
        conditions = search.parse(request.GET)
    except params.ParamErrors as error:
        return api.render_errors(request, error.errors)
    # Only the matches' queryset is wanted: one result, not a page of them, is fetched.
    conditions.page, conditions.per_page = 1, 1
    found = search.run(conditions, default_language_documents())
    return _json(counts(facet, found.queryset))
