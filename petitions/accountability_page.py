"""What the accountability page shows: its filters (agency, year) read with portal.params,
and the figures of petitions.accountability for the year chosen, by month and by agency,
with the chart of the portal's dataset previews (opendata.preview), whose text
alternative is the table by month."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opendata.preview import chart_svg
from portal import agencies, params

from . import accountability
from .accountability import Tally

# The page offers the last ten years (no query needed to list them); the open dataset has
# every month since the first case.
YEARS_OFFERED = 10


class FiltersForm(params.QueryForm):
    def __init__(self, data, *, agency_choices, first_year, last_year):
        self.agency_choices, self.first_year, self.last_year = (
            agency_choices, first_year, last_year)
        super().__init__(data)

    def get_parameters(self):
        year_message = gettext_lazy("Choose a year from the list.")
        return {
            "agency": params.ChoiceParameter(
                choices=self.agency_choices,
                error_messages={"invalid_choice": gettext_lazy(
                    "Choose an agency from the list.")}),
            "year": params.IntegerParameter(
                signed=False, max_digits=4, min_value=self.first_year,
                max_value=self.last_year,
                error_messages=dict.fromkeys(("invalid", "min_value", "max_value"),
                                             year_message)),
        }


def month_label(month, language_code):
    """The chart's axis label of a month: 3月 in Chinese, Mar in English."""
    if language_code.lower().startswith("zh"):
        return f"{month.month}月"
    return formats.date_format(month, "M")


def chart(months, language_code):
    """The line chart of the cases received and answered within the deadline each month;
    a month with a suppressed or withheld figure is left out of that line."""
    def number(value):
        return ("" if value in (None, accountability.SUPPRESSED, accountability.WITHHELD)
                else str(value))

    header = ["month", "received", "answered_on_time"]
    rows = [[month_label(row["month"], language_code), number(row["figures"]["received"]),
             number(row["figures"]["answered_on_time"])] for row in months]
    return chart_svg(header, rows, {"received": _("Cases received"),
                                    "answered_on_time": _("Answered within the deadline")})


def page_context(query, language_code, today=None):
    """The page's context from its query string; `errors` ({parameter: message}) when a
    filter is not one offered."""
    today = today or timezone.localdate()
    names = agencies.names_by_code()
    agency_choices = sorted(names.items())
    first_year = today.year - YEARS_OFFERED + 1
    form = FiltersForm(query, agency_choices=agency_choices, first_year=first_year,
                       last_year=today.year)
    errors = params.ParamErrors(form.param_errors()).by_parameter()
    year = form.value("year", today.year)
    agency = form.value("agency", "")
    context = {"errors": errors, "year": year, "agency": agency,
               "agency_name": names.get(agency, ""),
               "agency_choices": agency_choices,
               "years": list(range(today.year, first_year - 1, -1)),
               "today": today}
    if errors:
        return context
    start, end = accountability.year_bounds(year)
    found = accountability.tallies(accountability.cases_between(start, end), today)
    published = accountability.published_year(found)
    last_month = 12 if year < today.year else today.month
    if agency:
        by_month = {month: figures for (code, month), figures in published.cells.items()
                    if code == agency}
        total = published.agencies.get(agency, Tally().published())
    else:
        by_month, total = published.months, published.total
    months = [{"month": month, "figures": by_month.get(month, Tally().published())}
              for month in (datetime.date(year, number, 1)
                            for number in range(1, last_month + 1))]
    agency_rows = [{"code": code, "name": names.get(code, "") if code else "",
                    "figures": figures} for code, figures in published.agencies.items()]
    # Agencies by name, then the cases not yet assigned to any.
    agency_rows.sort(key=lambda row: (not row["code"], row["name"], row["code"]))
    context.update(total=total, months=months, agency_rows=agency_rows,
                   chart=chart(months, language_code) if len(months) > 1 else None)
    return context


def headline(today=None):
    """The share of cases answered within the deadline over the last twelve months (all
    agencies), as published: a figure, "<3", or None; for the home page, which shows it
    alone, with none of the counts it is taken from."""
    today = today or timezone.localdate()
    # This month and the eleven before it.
    year, month = divmod(today.year * 12 + today.month - 1 - 11, 12)
    start = datetime.datetime(year, month + 1, 1, tzinfo=timezone.get_current_timezone())
    total = accountability.decided_totals(accountability.cases_between(start), today)
    return accountability.shown_derived(total.on_time_percent, total.decided)
