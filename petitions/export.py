"""Case exports as officers read them, and spreadsheet safety for citizen-typed text."""

import datetime

from django.utils import timezone

from portal import agencies

from .cases import Case, Complaint

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def neutralise_formula(value):
    """Prefix a quote so spreadsheets show a cell starting with = + - @ as text, not run it."""
    return "'" + value if starts_like_formula(value) else value


def case_field(case, field_name):
    """A case's model field and the object that holds its value: complaint-only fields live on
    the case's Complaint, which other kinds of case do not have (None)."""
    if field_name in Complaint.field_names():
        return Complaint._meta.get_field(field_name), getattr(case, "complaint", None)
    return Case._meta.get_field(field_name), case


def field_value(case, field_name):
    """A case's field as officers read it: a choice's label, None for nothing."""
    field, holder = case_field(case, field_name)
    if holder is None:
        return None
    return getattr(holder, f"get_{field_name}_display")() if field.choices else \
        getattr(holder, field_name)


def export_value(case, field_name):
    """One cell: a choice's label, an agency's name in the reader's language, a time on the
    Taipei clock (naive: spreadsheet cells have no time zone), and "" for nothing."""
    field, _holder = case_field(case, field_name)
    value = field_value(case, field_name)
    if value is None:
        return ""
    if field.is_relation:
        return agencies.display_name(value)
    if isinstance(value, datetime.datetime):
        return timezone.make_naive(value) if timezone.is_aware(value) else value
    return value
