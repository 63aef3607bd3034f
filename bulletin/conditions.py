"""Gazette search conditions, shared by the search page, the API and the Atom feed.

The parameters follow the Federal Register API: conditions[term], conditions[type][],
conditions[agency][], conditions[publication_date][is|gte|lte|year],
conditions[signing_date][gte|lte], conditions[issue], conditions[document_number],
order, per_page, page, fields[]. A `conditions[...]` parameter that is none of these is
refused, naming it, rather than silently matching everything."""

import hashlib
import math
import time
from dataclasses import dataclass, field

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import params

from . import conf, numbering

ORDERS = ("relevance", "newest", "oldest")
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

    @property
    def narrows(self):
        """Whether any condition leaves documents out (the order and paging leave none)."""
        return bool(self.term or self.types or self.agencies or self.dates or self.issue
                    or self.document_number)


class IssueParameter(forms.Field):
    """An issue key such as 113-夏-5, as (ROC year, volume, number)."""

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        issue = numbering.parse_issue_key(text)
        if issue is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return issue


def is_condition(name):
    return name == "conditions" or name.startswith("conditions[")


class ConditionsForm(params.QueryForm):
    # Lazy: the message is in the language of each request, not the one active at import.
    nul_message = gettext_lazy("contains a character that is not allowed")

    def __init__(self, data, allowed_fields=()):
        self.allowed_fields = allowed_fields
        super().__init__(data)

    def get_parameters(self):
        whole = _("must be a whole number")
        at_least_1 = _("must be at least 1")
        year = _("must be a year such as 2024")
        date = {"invalid": _("must be a date such as 2024-06-05")}
        maximum = conf.api_max_per_page()
        fields = {
            "conditions[term]": forms.CharField(required=False),
            "conditions[type][]": params.ListParameter(),
            "conditions[agency][]": params.ListParameter(),
            "conditions[document_number]": forms.CharField(required=False),
        }
        for name, operators in DATE_CONDITIONS.items():
            for operator in operators:
                fields[f"conditions[{name}][{operator}]"] = (
                    params.IntegerParameter(
                        min_value=1912, max_value=2200, max_digits=4, signed=False,
                        error_messages={"invalid": year, "min_value": year, "max_value": year})
                    if operator == "year" else params.DateParameter(error_messages=date))
        fields.update({
            "conditions[issue]": IssueParameter(
                required=False, error_messages={"invalid": _("must be an issue such as 113-夏-5")}),
            "order": params.ChoiceParameter(
                choices=[(order, order) for order in ORDERS],
                error_messages={"invalid_choice": _("must be one of relevance, newest, oldest")}),
            "per_page": params.IntegerParameter(
                min_value=1, max_value=maximum,
                error_messages={"invalid": whole, "min_value": at_least_1,
                                "max_value": _("must be at most %(maximum)d") % {
                                    "maximum": maximum}}),
            "page": params.IntegerParameter(
                min_value=1, error_messages={"invalid": whole, "min_value": at_least_1}),
            "fields[]": params.ListParameter(
                choices=self.allowed_fields or None,
                error_messages={"invalid_choice": _("unknown fields: %(fields)s") % {
                    "fields": "%(value)s"}}),
        })
        return fields

    def unknown_conditions(self):
        """The `conditions[...]` parameters given that are none of the form's, in the
        query's order. A list's condition may be written without its "[]"."""
        known = {spelling for name in self.fields
                 for spelling in (name, name.removesuffix("[]"))}
        return [name for name in self.data if is_condition(name) and name not in known]

    def param_errors(self):
        conditions = ", ".join(name for name in self.fields if is_condition(name))
        return super().param_errors() + [
            params.ParamError(name, "unknown", _(
                "%(name)s is not a condition; the conditions are %(conditions)s")
                % {"name": name, "conditions": conditions})
            for name in self.unknown_conditions()]


def parse(query, allowed_fields=()):
    """Conditions from a QueryDict; raises params.ParamErrors."""
    data = ConditionsForm(query, allowed_fields).parse()
    term = data["conditions[term]"][:200]
    return Conditions(
        term=term,
        types=data["conditions[type][]"],
        agencies=data["conditions[agency][]"],
        dates={(name, operator): data[f"conditions[{name}][{operator}]"]
               for name, operators in DATE_CONDITIONS.items() for operator in operators
               if data[f"conditions[{name}][{operator}]"] is not None},
        issue=data["conditions[issue]"],
        document_number=data["conditions[document_number]"],
        order=data["order"] or ("relevance" if term else "newest"),
        per_page=data["per_page"] or 20,
        page=data["page"] or 1,
        fields=data["fields[]"],
    )



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


# What the API and the feed show of each document.
RELATED = ("document_type__parent", "agency", "issue")


def run(conditions, documents, related=RELATED, count=None):
    """The requested page of `documents` matching the conditions, in the requested order,
    with the `related` rows read with them. `count`: their number when already known
    (without a search term), not counted again."""
    queryset = filtered(conditions, documents)
    start = (conditions.page - 1) * conditions.per_page
    end = start + conditions.per_page
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
    if count is None:
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


def kept_until_changed(name, compute):
    """compute(), kept until the gazette next changes (a day at most)."""
    return cache.get_or_set(f"bulletin:{name}:{generation()}", compute, 24 * 60 * 60)


def cached_facet_counts(conditions, queryset, count):
    """count(queryset), the counts per filter value, kept until the gazette next changes:
    counting a large back catalogue per type and agency costs a few hundred milliseconds,
    on every visit to the index."""
    criteria = (conditions.term, sorted(conditions.types), sorted(conditions.agencies),
                sorted(conditions.dates.items()), conditions.issue,
                conditions.document_number)
    digest = hashlib.sha256(repr(criteria).encode()).hexdigest()
    return kept_until_changed(f"facets:{digest}", lambda: count(queryset))

