import datetime

import pytest
from django.http import QueryDict

from consumer import domain


@pytest.mark.parametrize("kind, filled, missing", [
    ("alert", {"affected": "預售屋", "advice": ""}, ["advice"]),
    ("inspection", {"event_date": datetime.date(2019, 8, 30), "inspected": "夜市",
                    "businesses_inspected": 0, "findings": ""}, ["findings"]),
    ("education", {"venue": "四維行政中心"}, ["event_date", "audience"]),
    ("committee", {"event_date": datetime.date(2019, 5, 31), "decisions": []}, ["decisions"]),
    ("clinic", {"sessions": [object()]}, []),
])
def test_each_kind_needs_its_own_fields(kind, filled, missing):
    assert domain.missing_fields(kind, filled) == missing


def test_zero_businesses_is_a_figure_not_a_missing_one():
    assert "businesses_inspected" not in domain.missing_fields(
        "inspection", {"businesses_inspected": 0})


def test_filters_drop_unknown_values_and_report_bad_dates():
    filters, errors = domain.clean_filters(QueryDict(
        "kind=alert&topic=spaceships&from=2022-13-01&to=2022-06-30"))
    assert filters == {"kind": "alert", "topic": "", "from": None,
                       "to": datetime.date(2022, 6, 30)}
    assert errors == ["from"]


def test_a_reversed_date_range_is_turned_round():
    filters, errors = domain.clean_filters(QueryDict("from=2022-06-30&to=2019-01-01"))
    assert (filters["from"], filters["to"]) == (datetime.date(2019, 1, 1),
                                                datetime.date(2022, 6, 30))
    assert errors == []


def test_live_rows_count_complaints_by_month_and_stage_only():
    rows = [
        {"month": "2026-09", "kind": "complaint", "stage": "first", "received": 2},
        {"month": "2026-09", "kind": "complaint", "stage": "first", "received": 1},
        {"month": "2026-09", "kind": "complaint", "stage": "mediation", "received": 1},
        {"month": "2026-08", "kind": "complaint", "stage": "second", "received": 4},
        {"month": "2026-09", "kind": "petition", "stage": None, "received": 9},
    ]
    assert domain.live_rows(rows) == [
        {"month": datetime.date(2026, 8, 1), "first_complaints": 0, "second_complaints": 4,
         "mediations": 0},
        {"month": datetime.date(2026, 9, 1), "first_complaints": 3, "second_complaints": 0,
         "mediations": 1},
    ]
