"""Filtering for the dataset catalogue, shared by /data/ and the CKAN API (the counts per
filter value are queries on the models: opendata.models.facet_counts)."""

from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils.http import urlencode

from portal import params
from search.analysis import normalise

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


def text_matches(datasets, q):
    """Among `datasets`, those whose text matches `q` as the site search's does (the search
    backend, with search.analysis on both sides: Simplified and Traditional, full and half
    width alike), or that carry `q` as a tag, compared as the search compares text."""
    found = [page.pk for page in datasets.search(q)]
    wanted = normalise(q)
    names = {name for name in datasets.exclude(tagged_items=None)
             .values_list("tagged_items__tag__name", flat=True).distinct()
             if normalise(name) == wanted}
    return Q(pk__in=found) | Q(pk__in=datasets.filter(
        tagged_items__tag__name__in=names).values("pk"))


def filter_datasets(queryset, filters):
    if filters.q:
        queryset = queryset.filter(text_matches(queryset, filters.q))
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
    if filters.format or filters.tag:
        # Joins over resources and tags repeat datasets; an id subquery keeps one row each.
        return queryset.model.objects.filter(pk__in=queryset.values("pk"))
    # No join: the queryset as it is, one subquery fewer in each statement built on it.
    return queryset


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
