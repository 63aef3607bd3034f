"""Public accountability: per agency and month received, how many cases came in, what share
was answered within the deadline, the median days to reply, and how many are open and
overdue now. Counts only: no case text, subject, name or contact is ever read here.

The rules, as plain functions (unit-tested in tests/petitions/test_accountability.py):

- A case belongs to the month it was received in (Asia/Taipei), as in
  petitions.statistics.monthly_case_statistics, whatever its kind.
- **Answered** means closed, and **answered within the deadline** means closed on or before
  its deadline (the deadline as it stands, extensions included), both on the Taipei
  calendar: the same test as monthly_case_statistics' `closed_on_time`.
- **Days to reply** are calendar days from the day received to the day closed, as deadlines
  are counted (petitions.domain.compute_deadline adds calendar days to the day received):
  a case closed on the day it is due took exactly its kind's number of days.
- **Overdue** is petitions.domain.overdue_q on today's Taipei date: not answered (neither
  replied nor closed) and past the deadline. **Open** is not yet closed.
- **The share answered within the deadline** is taken over the cases whose outcome is
  known: the closed ones and the ones overdue now. A case still open within its deadline,
  or replied and not yet closed, is not counted either way yet.
- **Privacy** protects the groups the figures are taken over (an agency's month, an
  agency's year, a month of every agency, the year): a group of 1 or 2 cases has none of
  its figures published, every one reads "<3"; a group of 3 or more has its counts
  published as they are, as none of them tells which of 3 or more people it concerns (a
  count of cases, not of people, would otherwise be withheld in nearly every month of a
  small agency). A share or a median taken over fewer than 3 cases reads "<3" too. The
  page and the dataset also publish the groups' sums, from which a group's "<3" could be
  worked out (the year less every month shown), so more groups are withheld, every figure
  "x", until none can (petitions.disclosure, audited on the cases received): a year's
  figures are published together, by `published_year`.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import models as db
from django.db.models import Count, DateField, DurationField, ExpressionWrapper, Q
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone, translation

from portal import agencies
from portal.dates import LocalDate
from portal.i18n import default_language

from . import disclosure, domain, statistics
from .cases import Case, Status

MIN_COUNT = 3
SUPPRESSED = "<3"
WITHHELD = "x"


def days_to_reply(received_on, closed_on):
    """Calendar days from the day received to the day closed (Taipei dates)."""
    return (closed_on - received_on).days


def answered_on_time(closed_on, deadline):
    """Closed on or before the deadline day."""
    return closed_on <= deadline


def is_overdue(status, deadline, today):
    """Still unanswered and past its deadline: the rule of petitions.domain.overdue_q."""
    return status not in domain.ANSWERED and deadline < today


def median_of(histogram):
    """The median of values given as {value: how many}; None when there are none."""
    total = sum(histogram.values())
    if not total:
        return None
    ordered = sorted(histogram.items())

    def nth(n):  # the n-th value (0-based) in sorted order
        for value, count in ordered:
            if n < count:
                return value
            n -= count
        raise IndexError(n)

    middle = total // 2
    if total % 2:
        return nth(middle)
    return (nth(middle - 1) + nth(middle)) / 2


def shown_derived(value, base):
    """A share or median taken over `base` cases, as published: "<3" over fewer than 3,
    None (no figure) over none."""
    if base == 0 or value is None:
        return None
    return SUPPRESSED if base < MIN_COUNT else value


@dataclass
class Tally:
    """The raw counts of a group of cases; `reply_days` is {days to reply: closed cases}."""

    received: int = 0
    closed: int = 0
    on_time: int = 0
    open: int = 0
    overdue: int = 0
    reply_days: Counter = field(default_factory=Counter)

    def add(self, other):
        self.received += other.received
        self.closed += other.closed
        self.on_time += other.on_time
        self.open += other.open
        self.overdue += other.overdue
        self.reply_days.update(other.reply_days)
        return self

    @property
    def decided(self):
        """The cases whose outcome is known: closed, or overdue now."""
        return self.closed + self.overdue

    @property
    def on_time_percent(self):
        return round(100 * self.on_time / self.decided, 1) if self.decided else None

    @property
    def median_days(self):
        median = median_of(self.reply_days)
        return None if median is None else round(float(median), 1)

    def published(self, withheld=False):
        """The figures as anyone may see them: all "<3" for a group of 1 or 2 cases, all
        "x" for a group `withheld` so that another's "<3" cannot be worked out."""
        figures = {"received": self.received, "answered": self.closed,
                   "answered_on_time": self.on_time,
                   "on_time_percent": shown_derived(self.on_time_percent, self.decided),
                   "median_days_to_reply": shown_derived(self.median_days, self.closed),
                   "open_now": self.open, "overdue_now": self.overdue}
        if 0 < self.received < MIN_COUNT:
            return dict.fromkeys(figures, SUPPRESSED)
        if withheld:
            return dict.fromkeys(figures, WITHHELD)
        return figures


@dataclass
class PublishedYear:
    """A year's figures as published: per agency and month, per agency, per month, all."""

    cells: dict
    agencies: dict
    months: dict
    total: dict


def published_year(found):
    """The figures of one year's tallies ({(agency code, month): Tally}), withheld together
    so that no group of 1 or 2 cases can be worked out from the sums they make."""
    agencies, months, total = {}, {}, Tally()
    for (code, month), tally in found.items():
        agencies.setdefault(code, Tally()).add(tally)
        months.setdefault(month, Tally()).add(tally)
        total.add(tally)
    hidden = disclosure.withheld_table(
        {key: tally.received for key, tally in found.items()}, MIN_COUNT)

    def figures(tally, key):
        return tally.published(withheld=key in hidden)

    everyone = disclosure.TOTAL
    return PublishedYear(
        cells={key: figures(tally, key) for key, tally in found.items()},
        agencies={code: figures(tally, (code, everyone)) for code, tally in agencies.items()},
        months={month: figures(tally, (everyone, month)) for month, tally in months.items()},
        total=figures(total, (everyone, everyone)))


def year_bounds(year):
    """The first moments of the year and of the next, on the Taipei clock."""
    zone = timezone.get_current_timezone()
    return (datetime.datetime(year, 1, 1, tzinfo=zone),
            datetime.datetime(year + 1, 1, 1, tzinfo=zone))


def cases_between(start=None, end=None):
    """Cases received from `start` up to (not including) `end`, aware datetimes."""
    cases = Case.objects.all()
    if start:
        cases = cases.filter(received_at__gte=start)
    if end:
        cases = cases.filter(received_at__lt=end)
    return cases


def _month(value):
    """TruncMonth's value as the month's first day on the Taipei calendar."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def tallies(cases, today=None):
    """{(agency code or "", first day of the month received): Tally} for the cases, in one
    query whatever their number: counted per agency, month and, for closed cases, days to
    reply (so the median needs no list of cases, only how many took each number of days)."""
    today = today or timezone.localdate()
    closed = Q(status=Status.CLOSED)
    # Dates on the Taipei calendar (LocalDate, in the current time zone), subtracted.
    days = ExpressionWrapper(Cast(LocalDate("closed_at"), DateField())
                             - Cast(LocalDate("received_at"), DateField()),
                             output_field=DurationField())
    rows = (cases.order_by()
            .annotate(month=TruncMonth("received_at"),
                      days=db.Case(db.When(closed & Q(closed_at__isnull=False), then=days),
                                   output_field=DurationField()))
            .values("agency__code", "month", "days")
            .annotate(received=Count("pk"),
                      closed=Count("pk", filter=closed),
                      on_time=Count("pk", filter=closed & statistics.closed_on_time()),
                      open=Count("pk", filter=~closed),
                      overdue=Count("pk", filter=domain.overdue_q(today))))
    found = {}
    for row in rows:
        tally = found.setdefault((row["agency__code"] or "", _month(row["month"])), Tally())
        tally.add(Tally(received=row["received"], closed=row["closed"], on_time=row["on_time"],
                        open=row["open"], overdue=row["overdue"]))
        if row["days"] is not None:
            tally.reply_days[row["days"].days] += row["closed"]
    return found


def decided_totals(cases, today=None):
    """A Tally of the cases' closed, on-time and overdue counts, the ones the share
    answered within the deadline is taken from, as one row: the home page's headline
    needs no count per agency and month (hundreds of rows to read and add up)."""
    today = today or timezone.localdate()
    closed = Q(status=Status.CLOSED)
    row = cases.order_by().aggregate(
        closed=Count("pk", filter=closed),
        on_time=Count("pk", filter=closed & statistics.closed_on_time()),
        overdue=Count("pk", filter=domain.overdue_q(today)))
    return Tally(closed=row["closed"], on_time=row["on_time"], overdue=row["overdue"])


def dataset_rows():
    """The live open dataset: one row per agency and month received, every month since the
    first case, small counts suppressed as on the page; months as YYYY-MM, agencies by code
    and their name in the default language ("" for cases not yet assigned); figures as text
    ("4", "75.0", "<3"), none where there is no figure."""
    with translation.override(default_language()):
        names = agencies.names_by_code()
    by_year = {}
    for (code, month), tally in tallies(Case.objects.all()).items():
        by_year.setdefault(month.year, {})[code, month] = tally
    cells = {}
    for found in by_year.values():
        cells.update(published_year(found).cells)
    return [{"month": month.strftime("%Y-%m"), "agency_code": code,
             "agency_name": names.get(code, ""),
             # Text in every format, as a column that may read "<3" is declared (an ODS
             # cell holding a number in a text column is a type error to validators).
             **{name: None if value is None else str(value) for name, value in figures.items()}}
            for (code, month), figures in sorted(cells.items(),
                                                 key=lambda item: (item[0][1], item[0][0]))]


def dataset_version():
    """Changes with any case, and each day, as cases fall overdue without changing."""
    return f"{statistics.version()}/{timezone.localdate().isoformat()}"
