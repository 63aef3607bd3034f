"""Gazette search conditions, shared by the search page, the API and the Atom feed.

The parameters follow the Federal Register API: conditions[term], conditions[type][],
conditions[agency][], conditions[publication_date][is|gte|lte|year],
conditions[signing_date][gte|lte], conditions[issue], conditions[document_number],
order, per_page, page, fields[]."""

import datetime
import hashlib
import math
import re
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext as _

from . import conf, numbering

ORDERS = ("relevance", "newest", "oldest")
YEAR = re.compile(r"[0-9]{4}")
DATE_CONDITIONS = {"publication_date": ("is", "gte", "lte", "year"),
                   "signing_date": ("gte", "lte")}


@dataclass
class Conditions:
    term: str = ""
    types: list = field(default_factory=list)
    agencies: list = field(default_factory=list)
    dates: dict = field(default_factory=dict)
    issue: tuple | None = None
    document_number: str = ""
    order: str = "newest"
    per_page: int = 20
    page: int = 1
    fields: list = field(default_factory=list)


class ConditionError(ValueError):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def _list(query, name):
    # conditions[type][] and a lone conditions[type] both work.
    return [value.strip() for value in query.getlist(f"{name}[]") + query.getlist(name)
            if value.strip()]


def _positive_int(raw, name, errors, default, maximum=None):
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        errors[name] = _("must be a whole number")
        return default
    if value < 1:
        errors[name] = _("must be at least 1")
        return default
    if maximum is not None and value > maximum:
        errors[name] = _("must be at most %(maximum)d") % {"maximum": maximum}
        return default
    return value


def parse(query, allowed_fields=()):
    """Conditions from a QueryDict; raises ConditionError with {parameter: message}."""
    errors = {}
    for name in query:  # PostgreSQL refuses NUL in text, and no condition needs one
        if any("\x00" in value for value in query.getlist(name)):
            errors[name] = _("contains a character that is not allowed")
    conditions = Conditions()
    conditions.term = query.get("conditions[term]", "").strip()[:200]
    conditions.types = _list(query, "conditions[type]")
    conditions.agencies = _list(query, "conditions[agency]")
    conditions.document_number = query.get("conditions[document_number]", "").strip()
    for name, operators in DATE_CONDITIONS.items():
        for operator in operators:
            key = f"conditions[{name}][{operator}]"
            raw = query.get(key, "").strip()
            if not raw:
                continue
            if operator == "year":
                # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
                if not (YEAR.fullmatch(raw) and 1912 <= int(raw) <= 2200):
                    errors[key] = _("must be a year such as 2024")
                    continue
                conditions.dates[(name, operator)] = int(raw)
                continue
            try:
                conditions.dates[(name, operator)] = datetime.date.fromisoformat(raw)
            except ValueError:
                errors[key] = _("must be a date such as 2024-06-05")
    issue = query.get("conditions[issue]", "").strip()
    if issue:
        conditions.issue = numbering.parse_issue_key(issue)
        if conditions.issue is None:
            errors["conditions[issue]"] = _("must be an issue such as 113-夏-5")
    order = query.get("order", "").strip() or ("relevance" if conditions.term else "newest")
    if order not in ORDERS:
        errors["order"] = _("must be one of relevance, newest, oldest")
    else:
        conditions.order = order
    conditions.per_page = _positive_int(query.get("per_page"), "per_page", errors, 20,
                                        conf.api_max_per_page())
    conditions.page = _positive_int(query.get("page"), "page", errors, 1)
    conditions.fields = _list(query, "fields")
    unknown = [name for name in conditions.fields if name not in allowed_fields]
    if allowed_fields and unknown:
        errors["fields[]"] = _("unknown fields: %(fields)s") % {"fields": ", ".join(unknown)}
    if errors:
        raise ConditionError(errors)
    return conditions


def filtered(conditions, queryset):
    """The documents of `queryset` matching every condition except the term."""
    if conditions.types:
        queryset = queryset.filter(Q(document_type__name__in=conditions.types)
                                   | Q(document_type__parent__name__in=conditions.types))
    if conditions.agencies:
        queryset = queryset.filter(agency__code__in=conditions.agencies)
    if conditions.document_number:
        queryset = queryset.filter(document_number=conditions.document_number)
    if conditions.issue:
        year, volume, number = conditions.issue
        queryset = queryset.filter(issue__roc_year=year, issue__volume=volume,
                                   issue__number=number)
    lookups = {("publication_date", "is"): "publication_date",
               ("publication_date", "gte"): "publication_date__gte",
               ("publication_date", "lte"): "publication_date__lte",
               ("publication_date", "year"): "publication_date__year",
               ("signing_date", "gte"): "signing_date__gte",
               ("signing_date", "lte"): "signing_date__lte"}
    for key, value in conditions.dates.items():
        queryset = queryset.filter(**{lookups[key]: value})
    return queryset


NEWEST = ("-publication_date", "-signing_date", "-pk")
OLDEST = ("publication_date", "signing_date", "pk")


@dataclass
class ResultPage:
    items: list
    count: int
    page: int
    per_page: int
    queryset: object  # every match, for the counts per filter value

    @property
    def total_pages(self):
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def has_next(self):
        return self.page < self.total_pages

    @property
    def has_previous(self):
        return self.page > 1


def run(conditions, documents, select=()):
    """The requested page of `documents` matching the conditions, in the requested order."""
    queryset = filtered(conditions, documents)
    start = (conditions.page - 1) * conditions.per_page
    end = start + conditions.per_page
    related = ("document_type__parent", "agency", "issue", *select)
    if conditions.term:
        # Wagtail's search gives the relevance order; the filters narrow it down in SQL.
        ranked = [page.pk for page in
                  documents.model.objects.live().search(conditions.term)]
        matching = set(queryset.filter(pk__in=ranked).values_list("pk", flat=True))
        queryset = queryset.filter(pk__in=matching)
        if conditions.order == "relevance":
            ordered = [pk for pk in ranked if pk in matching]
            page_pks = ordered[start:end]
            pages = queryset.filter(pk__in=page_pks).select_related(*related).in_bulk()
            return ResultPage([pages[pk] for pk in page_pks if pk in pages], len(ordered),
                              conditions.page, conditions.per_page, queryset)
    order = OLDEST if conditions.order == "oldest" else NEWEST
    count = queryset.count()
    # Past the last match there is nothing to fetch, and a huge page number would overflow
    # the database's OFFSET.
    items = (list(queryset.select_related(*related).order_by(*order)[start:end])
             if start < count else [])
    return ResultPage(items, count, conditions.page, conditions.per_page, queryset)


GENERATION_KEY = "bulletin:generation"


def generation():
    """A token that changes whenever gazette content changes (see signals.py)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        token = cache.get(GENERATION_KEY)
    return token


def forget_counts():
    cache.set(GENERATION_KEY, time.time_ns(), None)


def cached_facet_counts(conditions, queryset, count):
    """count(queryset), the counts per filter value, kept until the gazette next changes:
    counting a large back catalogue per type and agency costs a few hundred milliseconds,
    on every visit to the index."""
    criteria = (conditions.term, sorted(conditions.types), sorted(conditions.agencies),
                sorted(conditions.dates.items()), conditions.issue,
                conditions.document_number)
    digest = hashlib.sha256(repr(criteria).encode()).hexdigest()
    key = f"bulletin:facets:{generation()}:{digest}"
    facets = cache.get(key)
    if facets is None:
        facets = count(queryset)
        cache.set(key, facets, 24 * 60 * 60)
    return facets

