"""A subscription's search is the gazette's own query string (bulletin.conditions), kept
normalised: only the conditions that choose documents (not the order or the page), each
list sorted and once, so that two people following one search share one query and the
digest evaluates it once for both."""

from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bulletin import conditions as search
from bulletin import numbering
from bulletin.models import DocumentType, GazetteDocumentPage, public_documents
from portal import agencies
from portal.dates import format_date_for_language, format_year_for_language


def parse(query):
    """The gazette's Conditions of a query string; raises portal.params.ParamErrors."""
    return search.parse(QueryDict(query))


def normalise(conditions):
    """The canonical query string of the conditions that choose documents."""
    pairs = []
    if conditions.term.strip():
        pairs.append(("conditions[term]", conditions.term.strip()))
    pairs += [("conditions[type][]", name) for name in sorted(set(conditions.types))]
    pairs += [("conditions[agency][]", code) for code in sorted(set(conditions.agencies))]
    for (name, operator), value in sorted(conditions.dates.items()):
        pairs.append((f"conditions[{name}][{operator}]",
                      value.isoformat() if hasattr(value, "isoformat") else str(value)))
    if conditions.issue:
        pairs.append(("conditions[issue]", numbering.issue_key(*conditions.issue)))
    if conditions.document_number:
        pairs.append(("conditions[document_number]", conditions.document_number))
    return urlencode(pairs)


def issue_documents(issue):
    """The ids of the issue's public documents (one query), for `matching`."""
    return list(public_documents().filter(issue=issue).values_list("pk", flat=True))


def matching(conditions, issue, document_ids, found_by_term):
    """The ids of the issue's public documents (`document_ids`) the conditions choose, in
    the issue's order: the gazette search's own filters, and its search backend for the
    term, asked about this issue only, once per term (`found_by_term` keeps the answers).
    The filters run on the ids, not on the public-pages query again, which costs more to
    build than to run once per search."""
    queryset = search.filtered(conditions,
                               GazetteDocumentPage.objects.filter(pk__in=document_ids))
    if conditions.term:
        if conditions.term not in found_by_term:
            found_by_term[conditions.term] = [page.pk for page in GazetteDocumentPage.objects
                                              .filter(issue_id=issue.pk)
                                              .search(conditions.term)]
        queryset = queryset.filter(pk__in=found_by_term[conditions.term])
    return list(queryset.order_by("path").values_list("pk", flat=True))


def type_names():
    """{Chinese name: name in the active language} of every document type (one query)."""
    return {document_type.name: document_type.display_name
            for document_type in DocumentType.objects.all()}


def describe(conditions, type_names):
    """The search in words, in the active language: ["Type: 公告", "Agency: 法制局", ...].
    `type_names` maps a type's Chinese name to its name in the active language."""
    parts = []
    if conditions.term:
        parts.append(_("Words: “%(term)s”") % {"term": conditions.term})
    if conditions.types:
        parts.append(_("Type: %(types)s") % {"types": ", ".join(
            type_names.get(name, name) for name in conditions.types)})
    if conditions.agencies:
        names = agencies.names_by_code()
        parts.append(_("Agency: %(agencies)s") % {"agencies": ", ".join(
            names.get(code, code) for code in conditions.agencies)})
    labels = {("publication_date", "is"): _("Published on %(value)s"),
              ("publication_date", "gte"): _("Published from %(value)s"),
              ("publication_date", "lte"): _("Published until %(value)s"),
              ("publication_date", "year"): _("Published in %(value)s"),
              ("signing_date", "gte"): _("Signed from %(value)s"),
              ("signing_date", "lte"): _("Signed until %(value)s")}
    language = get_language()
    for key, value in sorted(conditions.dates.items()):
        shown = (format_year_for_language(value, language) if key[1] == "year"
                 else format_date_for_language(value, language))
        parts.append(labels[key] % {"value": shown})
    if conditions.issue:
        parts.append(_("Issue: %(issue)s") % {"issue": numbering.issue_key(*conditions.issue)})
    if conditions.document_number:
        parts.append(_("Document number: %(number)s") % {"number": conditions.document_number})
    return parts or [_("Every new gazette document")]
