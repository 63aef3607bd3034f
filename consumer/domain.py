"""Consumer-protection rules as plain functions: notice kinds and the fields each needs,
the listing's filters, and the measures of the statistics."""

import calendar
import datetime

from django.utils.translation import gettext_lazy as _

from portal import params

ALERT, INSPECTION, EDUCATION, COMMITTEE, CLINIC = (
    "alert", "inspection", "education", "committee", "clinic")
KINDS = [
    (ALERT, _("Consumer alert")),
    (INSPECTION, _("Inspection result")),
    (EDUCATION, _("Education event")),
    (COMMITTEE, _("Committee decision")),
    (CLINIC, _("Debt-clearance legal clinic")),
]
TOPICS = [
    ("food", _("Food and drink")),
    ("housing", _("Housing and real estate")),
    ("contracts", _("Standard-form contracts")),
    ("shopping", _("Shopping and online sales")),
    ("services", _("Services and leisure")),
    ("debt", _("Debt and finance")),
    ("general", _("Consumer rights in general")),
]

# The structured fields each kind of notice must fill in.
REQUIRED = {
    ALERT: ("affected", "advice"),
    INSPECTION: ("event_date", "inspected", "businesses_inspected", "findings"),
    EDUCATION: ("event_date", "venue", "audience"),
    COMMITTEE: ("event_date", "decisions"),
    CLINIC: ("sessions",),
}


def _empty(value):
    return value is None or (hasattr(value, "__len__") and len(value) == 0)


def missing_fields(kind, values):
    """The names of the fields this kind needs that are empty in `values`."""
    return [name for name in REQUIRED.get(kind, ()) if _empty(values.get(name))]


class FiltersForm(params.QueryForm):
    parameters = {"kind": params.ChoiceParameter(choices=KINDS),
                  "topic": params.ChoiceParameter(choices=TOPICS),
                  "from": params.DateParameter(),
                  "to": params.DateParameter()}


def clean_filters(query):
    """The listing's filters from a query string. Values that are not offered, and dates
    that are not dates, are dropped with a message rather than failing the page."""
    form = FiltersForm(query)
    filters = {name: form.value(name, "" if name in ("kind", "topic") else None)
               for name in ("kind", "topic", "from", "to")}
    errors = [error.parameter for error in form.param_errors()
              if error.parameter in ("from", "to")]
    if filters["from"] and filters["to"] and filters["from"] > filters["to"]:
        filters["from"], filters["to"] = filters["to"], filters["from"]
    return filters, errors


# The statistics' measures: (field, open dataset identifier, label).
MEASURES = [
    ("consultations", "consumer-consultations", _("Consultations")),
    ("first_complaints", "consumer-first-complaints", _("First complaints")),
    ("second_complaints", "consumer-second-complaints", _("Second complaints")),
    ("mediations", "consumer-mediations", _("Mediations")),
    ("inspections", "consumer-inspections", _("Inspections")),
]

# How the case system's complaint stages count in the statistics.
STAGE_MEASURES = {"first": "first_complaints", "second": "second_complaints",
                  "mediation": "mediations"}


def live_rows(case_rows):
    """Monthly complaint counts from the case system (petitions.statistics rows):
    [{"month": first day of the month, "first_complaints", "second_complaints",
    "mediations"}], oldest first."""
    months = {}
    for row in case_rows:
        measure = STAGE_MEASURES.get(row["stage"] or "")
        if row["kind"] != "complaint" or measure is None:
            continue
        first_day = datetime.date.fromisoformat(f"{row['month']}-01")
        month = months.setdefault(first_day, {"month": first_day,
                                              **dict.fromkeys(STAGE_MEASURES.values(), 0)})
        month[measure] += row["received"]
    return [months[key] for key in sorted(months)]


# --- the statistics chart: reports cover periods of different lengths ---------------------

def months_covered(start, end):
    """The calendar months from `start` to `end` (both included), a part month counting by
    its share of days: 12 for a year, 5 for February to June, whatever the month lengths."""
    total = 0.0
    month = start.replace(day=1)
    while month <= end:
        days = calendar.monthrange(month.year, month.month)[1]
        last = month.replace(day=days)
        total += ((min(end, last) - max(start, month)).days + 1) / days
        month = last + datetime.timedelta(days=1)
    return total


def per_month(value, start, end):
    """A period's figure as a monthly average, so that periods of different lengths compare;
    None where the report gives no figure."""
    if value is None:
        return None
    return value / months_covered(start, end)
