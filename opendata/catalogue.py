"""Filtering and facet counts for the dataset catalogue, shared by /data/ and the CKAN API."""

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q
from django.utils.http import urlencode

from portal import agencies, params

FILTER_NAMES = ("agency", "category", "format", "tag", "frequency")


@dataclass(frozen=True)
class Filters:
    q: str = ""
    agency: str = ""
    category: str = ""
    format: str = ""
    tag: str = ""
    frequency: str = ""

    def active(self):
        return {name: getattr(self, name) for name in FILTER_NAMES if getattr(self, name)}


class FiltersForm(params.QueryForm):
    parameters = {name: forms.CharField(required=False) for name in ("q", *FILTER_NAMES)}


def parse_filters(query):
    """Filters from query parameters; anything unknown or overlong is ignored, not an error."""
    form = FiltersForm(query)
    return Filters(**{name: form.value(name, "")[:100] for name in ("q", *FILTER_NAMES)})


def filter_datasets(queryset, filters):
    if filters.q:
        queryset = queryset.filter(
            Q(title__icontains=filters.q) | Q(title_en__icontains=filters.q)
            | Q(description__icontains=filters.q) | Q(tagged_items__tag__name__iexact=filters.q)
        )
    if filters.agency:
        queryset = queryset.filter(agency__code=filters.agency)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.format:
        queryset = queryset.filter(resources__format__iexact=filters.format)
    if filters.tag:
        queryset = queryset.filter(tagged_items__tag__name=filters.tag)
    if filters.frequency:
        queryset = queryset.filter(update_frequency=filters.frequency)
    # Joins over resources and tags repeat datasets; an id subquery keeps one row each.
    return queryset.model.objects.filter(pk__in=queryset.values("pk"))


def facet_counts(queryset):
    """{facet: [(value, label, count)]} over the matching datasets: five grouped queries.

    The models come from the queryset's model and its relations: models.py imports this
    module, so this one cannot import models.py."""
    meta = queryset.model._meta
    ids = queryset.values("pk")
    pages = queryset.model.objects.filter(pk__in=ids)
    resources = meta.get_field("resources").related_model.objects.filter(page_id__in=ids)
    tags = meta.get_field("tagged_items").related_model.objects.filter(
        content_object_id__in=ids)
    categories = dict(meta.get_field("category").choices)
    frequencies = dict(meta.get_field("update_frequency").choices)
    agency_names = agencies.names_by_code()
    return {
        # By code: a dataset on the agency's translation counts for the agency, once.
        "agency": [
            (row["agency__code"], agency_names.get(row["agency__code"], row["agency__code"]),
             row["n"])
            for row in pages.exclude(agency=None).values("agency__code")
            .annotate(n=Count("pk")).order_by("agency__code")
        ],
        "category": [
            (row["category"], categories.get(row["category"], row["category"]), row["n"])
            for row in pages.values("category").annotate(n=Count("pk")).order_by("category")
        ],
        "format": [
            (row["format"], row["format"], row["n"])
            for row in resources.values("format")
            .annotate(n=Count("page_id", distinct=True)).order_by("format")
        ],
        "tag": [
            (row["tag__name"], row["tag__name"], row["n"])
            for row in tags.values("tag__name")
            .annotate(n=Count("content_object_id", distinct=True)).order_by("-n", "tag__name")
        ],
        "frequency": [
            (row["update_frequency"],
             frequencies.get(row["update_frequency"], row["update_frequency"]), row["n"])
            for row in pages.values("update_frequency").annotate(n=Count("pk"))
            .order_by("update_frequency")
        ],
    }


def facet_links(facets, filters):
    """Facets for the template: each item with its link's query string and whether it is on."""
    groups = []
    for name, items in facets.items():
        links = []
        for value, label, count in items:
            query = {key: val for key, val in (("q", filters.q), (name, value)) if val}
            links.append({"label": label, "count": count, "query": urlencode(query),
                          "current": getattr(filters, name) == value})
        groups.append({"name": name, "items": links})
    return groups
