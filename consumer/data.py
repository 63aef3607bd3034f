"""Consumer-protection figures as open data (the consumer-figures generator)."""

from django.db.models import Count, Max

from . import domain
from .models import ReportingPeriod


def figure_rows():
    """One dict per reporting period, oldest first; None where the report gives no figure."""
    return [
        {"period": period.label, "period_en": period.label_en,
         "start": period.start.isoformat(), "end": period.end.isoformat(),
         **{field: getattr(period, field) for field, _id, _label in domain.MEASURES}}
        for period in ReportingPeriod.objects.order_by("start")
    ]


def version():
    figures = ReportingPeriod.objects.aggregate(latest=Max("updated_at"), count=Count("pk"))
    latest = figures["latest"].isoformat() if figures["latest"] else "-"
    return f"{latest}/{figures['count']}"
