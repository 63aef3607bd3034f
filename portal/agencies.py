"""One agency, whatever the language.

An agency is a translatable snippet: its Chinese row and its English translation share a
translation_key. References (cases, officer groups, pages, datasets) point at the canonical
row, the one in the default locale; readers see the name in their own language. Everything
that groups, filters or offers agencies goes through here, so that a stray reference to a
translation still counts, routes and shows as the one agency it is."""

import functools
from collections import Counter

from django import forms
from django.apps import apps
from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import translation

from .i18n import default_language
from .memo import once_a_request
from .models import Agency

CACHE_KEY = "portal:agency-rows"




def _rows():
    """(pk, translation_key, language, code, name) of every row: one query per edit, read
    from the shared cache once a request (a case saved and routed reads them twice)."""
    return once_a_request("agencies", "rows", _shared_rows)


def _shared_rows():
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = [(pk, str(key), language, code, name) for pk, key, language, code, name in
                Agency.objects.order_by("pk").values_list(
                    "pk", "translation_key", "locale__language_code", "code", "name")]
        cache.set(CACHE_KEY, rows, None)
    return rows


def canonical_ids():
    """{row id: canonical row id} for every row; a row with no default-locale row is its own."""
    default = default_language()
    rows = _rows()
    by_key = {key: pk for pk, key, language, _code, _name in rows if language == default}
    return {pk: by_key.get(key, pk) for pk, key, _language, _code, _name in rows}


def canonical_id(agency_id):
    if agency_id is None:
        return None
    return canonical_ids().get(agency_id, agency_id)


def canonical(agency):
    """The agency's default-locale row (the agency itself when it is that row)."""
    if agency is None:
        return None
    pk = canonical_id(agency.pk)
    return agency if pk == agency.pk else Agency.objects.get(pk=pk)


def merged_counts(counts):
    """{canonical row id: n} from (row id, n) pairs: an agency's rows counted as one agency.
    A None id (no agency) is left out."""
    mapping = canonical_ids()
    merged = Counter()
    for pk, n in counts:
        if pk is not None:
            merged[mapping.get(pk, pk)] += n
    return merged


def row_ids(agency_ids):
    """Every row (the original and its translations) of the given agencies."""
    mapping = canonical_ids()
    wanted = {mapping.get(pk, pk) for pk in agency_ids}
    return sorted(pk for pk, canonical_pk in mapping.items() if canonical_pk in wanted)


def for_locale(agency, locale):
    """The agency's row in `locale`, or its canonical row when it has no translation there."""
    if agency is None:
        return None
    return (Agency.objects.filter(translation_key=agency.translation_key, locale=locale).first()
            or canonical(agency))


def names_in(language_code):
    """{translation_key: name} for every agency in that language."""
    return {key: name for _pk, key, language, _code, name in _rows()
            if language == language_code}


def display_name(agency):
    """The agency's name in the active language, or its own name when it has no translation."""
    if agency is None:
        return ""
    return names_in(translation.get_language()).get(str(agency.translation_key), agency.name)


def display_names(agency_ids):
    """{row id: display_name} of the given rows, from the kept rows: no query."""
    wanted = set(agency_ids)
    names = names_in(translation.get_language())
    return {pk: names.get(key, name) for pk, key, _language, _code, name in _rows()
            if pk in wanted}


def names_by_code():
    """{code: name} in the active language; an agency not translated into it keeps the name
    of its default-language row."""
    language, default = translation.get_language(), default_language()
    rank = {language: 0, default: 1}
    best = {}
    for _pk, _key, row_language, code, name in _rows():
        ranked = (rank.get(row_language, 2), name)
        if code not in best or ranked < best[code]:
            best[code] = ranked
    return {code: name for code, (_rank, name) in best.items()}


def canonical_rows():
    """A lazy queryset of one row per agency: the default-locale rows, and rows of agencies
    that have none."""
    default = Q(locale__language_code=default_language())
    return Agency.objects.filter(default | ~Q(translation_key__in=Agency.objects.filter(
        default).values("translation_key")))


class OnePerAgency:
    """Offers each agency once (its canonical row), named in the user's language."""

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=canonical_rows() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, obj):
        return display_name(obj)


class AgencyChoiceField(OnePerAgency, forms.ModelChoiceField):
    pass


class AgencyMultipleChoiceField(OnePerAgency, forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


@functools.cache
def _agency_keys(model):
    """The attnames of `model`'s foreign keys to an agency (not an agency's own parent).
    Migrations' historical models are left to their migration."""
    if model._meta.apps is not apps or model._meta.label == "portal.Agency":
        return ()
    return tuple(field.attname for field in model._meta.concrete_fields
                 if field.many_to_one and field.related_model is not None
                 and field.related_model._meta.label == "portal.Agency")


def store_canonical(sender, instance, raw=False, **kwargs):
    """References are stored to the canonical row, whichever row a form, a translation sync
    or an import handed over."""
    if raw:
        return
    # Only a row that names an agency reads the agency rows: a new case waiting for
    # dispatch names none, and is saved on every submission.
    named = [(attname, pk) for attname in _agency_keys(sender)
             if (pk := getattr(instance, attname)) is not None]
    if not named:
        return
    mapping = canonical_ids()
    for attname, pk in named:
        setattr(instance, attname, mapping.get(pk, pk))


def forget(**kwargs):
    cache.delete(CACHE_KEY)


def connect():
    post_save.connect(forget, sender=Agency, dispatch_uid="portal-agency-rows-save")
    post_delete.connect(forget, sender=Agency, dispatch_uid="portal-agency-rows-delete")
    pre_save.connect(store_canonical, dispatch_uid="portal-agency-canonical-references")
