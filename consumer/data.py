"""Consumer-protection figures for the statistics page and other apps (open data)."""

from django.db.models import Count, Max

from portal.pages import open_to_all

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


def live_rows():
    """Complaints the case system received, by month and stage."""
    from petitions.statistics import monthly_case_statistics

    return domain.live_rows(monthly_case_statistics())


def statistics_context(locale_id):
    """The statistics page's table, chart and links to each measure's open dataset."""
    from opendata.models import DatasetPage
    from opendata.preview import chart_svg

    periods = list(ReportingPeriod.objects.order_by("start"))
    identifiers = [identifier for _field, identifier, _label in domain.MEASURES]
    datasets = {page.identifier: page for page in open_to_all(DatasetPage.objects.live()).filter(
        locale_id=locale_id, identifier__in=identifiers)}
    measures = [{"field": field, "label": label, "dataset": datasets.get(identifier)}
                for field, identifier, label in domain.MEASURES]
    rows = [{"period": period,
             "cells": [{"field": m["field"], "value": getattr(period, m["field"])}
                       for m in measures]}
            for period in periods]
    header = ["", *[str(m["label"]) for m in measures]]
    chart_rows = [[row["period"].display_label,
                   *["" if cell["value"] is None else str(cell["value"]) for cell in row["cells"]]]
                  for row in rows]
    live = live_rows()
    return {"measures": measures, "rows": rows, "chart": chart_svg(header, chart_rows),
            "live_rows": live}
