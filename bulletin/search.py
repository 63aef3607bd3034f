"""The gazette index page's browse and search: the API's conditions, with counts."""

from django.core.paginator import Paginator

from portal.i18n import default_language
from portal.pages import open_to_all

from . import conditions as search
from .models import DocumentType, GazetteIssuePage


def _years():
    dates = open_to_all(GazetteIssuePage.objects.live()).dates("publication_date", "year",
                                                               order="DESC")
    return [date.year for date in dates]


def gazette_search(request, index_page):
    errors = {}
    try:
        conditions = search.parse(request.GET)
    except search.ConditionError as error:
        errors = error.errors
        conditions = search.Conditions()
    conditions.per_page = 20
    found = search.run(conditions)
    # A Paginator over the count only, so the shared pagination template works.
    paginator = Paginator(range(found.count), conditions.per_page)
    query = request.GET.copy()
    query.pop("page", None)
    facets = search.cached_facet_counts(conditions, found.queryset)
    document_types = list(DocumentType.objects.filter(parent=None).prefetch_related("subtypes"))
    return {
        "form": {"date_from": request.GET.get("conditions[publication_date][gte]", ""),
                 "date_to": request.GET.get("conditions[publication_date][lte]", ""),
                 "issue": request.GET.get("conditions[issue]", "")},
        "type_counts": [(t, facets["types"].get(t.name, 0)) for t in document_types],
        "conditions": conditions,
        "errors": errors,
        "documents": found.items,
        "count": found.count,
        "page_obj": paginator.get_page(found.page),
        "query_string": query.urlencode(),
        "facets": facets,
        "document_types": document_types,
        "years": _years(),
        "latest_issues": GazetteIssuePage.objects.live().public().filter(
            locale__language_code=default_language()).order_by("-publication_date")[:10],
    }
