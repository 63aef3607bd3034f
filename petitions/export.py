"""Case exports as officers read them, and spreadsheet safety for citizen-typed text."""

import datetime

from django.utils import timezone

from portal import agencies

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def neutralise_formula(value):
    """Prefix a quote so spreadsheets show a cell starting with = + - @ as text, not run it."""
    return "'" + value if starts_like_formula(value) else value


def export_value(obj, field_name):
    """One cell: a choice's label, an agency's name in the reader's language, a time on the
    Taipei clock (naive: spreadsheet cells have no time zone), and "" for nothing."""
    field = obj._meta.get_field(field_name)
    value = getattr(obj, f"get_{field_name}_display")() if field.choices else \
        getattr(obj, field_name)
    if value is None:
        return ""
    if field.is_relation:
        return agencies.display_name(value)
    if isinstance(value, datetime.datetime):
        return timezone.make_naive(value) if timezone.is_aware(value) else value
    return value
