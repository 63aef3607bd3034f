"""Monthly case statistics for other apps (consumer figures, open data). No personal data."""

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.db.models.lookups import LessThanOrEqual

from portal.dates import LocalDate

from .cases import Case, CaseEvent, Status


def closed_on_time():
    """The condition on cases: closed on or before the deadline day, on the Taipei
    calendar (the accountability page's "answered within the deadline")."""
    return Q(LessThanOrEqual(LocalDate("closed_at"), F("deadline")))


def monthly_case_statistics(start=None, end=None):
    """One dict per (month received, kind, stage, status, agency): received, closed and
    closed_on_time counts. `start`/`end` are dates bounding the receipt date, inclusive."""
    cases = Case.objects.all()
    if start:
        cases = cases.filter(received_at__date__gte=start)
    if end:
        cases = cases.filter(received_at__date__lte=end)
    closed = Q(status=Status.CLOSED)
    rows = (
        cases.annotate(month=TruncMonth("received_at"))
        .values("month", "kind", "status", "agency__code", stage=F("complaint__stage"))
        .annotate(
            received=Count("pk"),
            closed=Count("pk", filter=closed),
            closed_on_time=Count("pk", filter=closed & closed_on_time()),
        )
        .order_by("month", "kind", "complaint__stage", "status", "agency__code")
    )
    return [
        {
            "month": row["month"].strftime("%Y-%m"),
            "kind": row["kind"],
            "stage": row["stage"] or None,
            "status": row["status"],
            "agency_code": row["agency__code"],
            "received": row["received"],
            "closed": row["closed"],
            "closed_on_time": row["closed_on_time"],
        }
        for row in rows
    ]


def version():
    """Changes whenever a case arrives or changes: every change to a case writes an event."""
    latest = CaseEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    return f"{Case.objects.count()}/{latest or 0}"
