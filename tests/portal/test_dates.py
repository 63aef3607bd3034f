import datetime
import zoneinfo

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.template import Context, Template
from django.utils import timezone, translation

from portal.dates import (
    LocalDate,
    fixed_utc_offset,
    format_ad_date,
    format_date_for_language,
    format_roc_date,
    format_roc_date_short,
    iso8601,
    roc_year_label,
)

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("day", "long", "short"),
    [
        (datetime.date(2024, 6, 5), "民國113年6月5日", "113/06/05"),
        (datetime.date(1912, 1, 1), "民國1年1月1日", "1/01/01"),
        (datetime.date(2010, 12, 31), "民國99年12月31日", "99/12/31"),
        (datetime.date(2011, 1, 1), "民國100年1月1日", "100/01/01"),
        (datetime.date(1911, 12, 31), "民國前1年12月31日", "前1/12/31"),
        (datetime.date(1900, 2, 3), "民國前12年2月3日", "前12/02/03"),
    ],
)
def test_roc_dates_across_year_boundaries_and_below_100(day, long, short):
    assert format_roc_date(day) == long
    assert format_roc_date_short(day) == short


def test_datetime_uses_the_taipei_calendar_day():
    # 17:00 UTC on New Year's Eve is already 1 January in Taipei.
    moment = datetime.datetime(2023, 12, 31, 17, 0, tzinfo=UTC)
    assert format_roc_date(moment) == "民國113年1月1日"
    assert format_roc_date_short(moment) == "113/01/01"
    assert format_ad_date(moment) == "1 January 2024"


def test_naive_datetime_is_taken_as_written():
    assert format_roc_date(datetime.datetime(2022, 6, 9, 23, 59)) == "民國111年6月9日"


def test_roc_year_label():
    assert roc_year_label(2024) == "民國113年"
    assert roc_year_label(1911) == "民國前1年"


def test_language_picks_the_calendar():
    day = datetime.date(2022, 6, 9)
    assert format_date_for_language(day, "zh-hant") == "民國111年6月9日"
    assert format_date_for_language(day, "en") == "9 June 2022"
    assert format_date_for_language(day, "en", "short") == "2022-06-09"
    assert format_date_for_language(day, "zh-hant", "month") == "民國111年6月"
    assert format_date_for_language(day, "en", "month") == "June 2022"
    assert format_date_for_language(day, "zh-hant", "abbreviated") == "民國111年6月9日"
    assert format_date_for_language(datetime.date(2022, 9, 30), "en", "abbreviated") == \
        "30 Sep 2022"
    assert format_date_for_language(datetime.date(1911, 12, 1), "zh-hant", "month") == \
        "民國前1年12月"
    assert format_date_for_language(None, "zh-hant") == ""


@pytest.mark.parametrize(
    ("language", "template", "expected"),
    [
        ("zh-hant", "{{ day|roc_date }}", "民國113年6月5日"),
        ("zh-hant", '{{ day|roc_date:"short" }}', "113/06/05"),
        ("en", "{{ day|roc_date }}", "5 June 2024"),
        ("en", '{{ day|roc_date:"short" }}', "2024-06-05"),
        ("zh-hant", '{{ day|roc_date:"abbreviated" }}', "民國113年6月5日"),
        ("en", '{{ day|roc_date:"abbreviated" }}', "5 Jun 2024"),
    ],
)
def test_template_filter_follows_the_active_language(language, template, expected):
    with translation.override(language):
        rendered = Template("{% load portal_tags %}" + template).render(
            Context({"day": datetime.datetime(2024, 6, 5, 9, 30,
                                              tzinfo=zoneinfo.ZoneInfo("Asia/Taipei"))})
        )
    assert rendered == expected


TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


@pytest.mark.parametrize(("value", "expected"), [
    # The database gives UTC; APIs write the Taipei clock, to the second.
    (datetime.datetime(2026, 3, 2, 2, 15, 7, 123456, tzinfo=UTC), "2026-03-02T10:15:07+08:00"),
    (datetime.datetime(2024, 6, 4, 16, 0, tzinfo=UTC), "2024-06-05T00:00:00+08:00"),
    (datetime.datetime(2024, 6, 5, 9, 30, tzinfo=TAIPEI), "2024-06-05T09:30:00+08:00"),
    (datetime.datetime(2024, 6, 5, 9, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York")),
     "2024-06-05T21:30:00+08:00"),
    (datetime.date(2024, 6, 5), "2024-06-05"),
    (None, None),
])
def test_iso8601_writes_dates_and_taipei_moments(value, expected):
    assert iso8601(value) == expected


def test_iso8601_keeps_taipei_whatever_time_zone_is_active():
    moment = datetime.datetime(2026, 3, 2, 2, 15, tzinfo=UTC)
    with timezone.override("Europe/London"):
        assert iso8601(moment) == "2026-03-02T10:15:00+08:00"


def test_iso8601_refuses_a_naive_moment():
    """A moment without a zone could be any hour; guessing would shift it silently."""
    with pytest.raises(ValueError, match="naive"):
        iso8601(datetime.datetime(2026, 3, 2, 10, 15))


def test_iso_datetime_filter_writes_the_same():
    rendered = Template("{% load portal_tags %}{{ moment|iso_datetime }}|{{ none|iso_datetime }}"
                        ).render(Context({"moment": datetime.datetime(2026, 3, 2, 2, 15,
                                                                      tzinfo=UTC),
                                          "none": None}))
    assert rendered == "2026-03-02T10:15:00+08:00|"


@pytest.mark.parametrize(
    ("language", "template", "expected"),
    [
        ("zh-hant", "{{ year|year_label }}", "民國113年"),
        ("en", "{{ year|year_label }}", "2024"),
        ("zh-hant", "{{ year|roc_year }}", "113"),
        ("en", "{{ year|roc_year }}", "113"),
    ],
)
def test_year_filters_write_roc_years_from_portal_dates(language, template, expected):
    with translation.override(language):
        rendered = Template("{% load portal_tags %}" + template).render(Context({"year": 2024}))
    assert rendered == expected


def test_a_zone_with_one_offset_since_1980_has_it_as_fixed():
    assert fixed_utc_offset("Asia/Taipei") == 8 * 3600
    assert fixed_utc_offset("UTC") == 0
    assert fixed_utc_offset("Europe/London") is None  # summer time


# Either side of midnight in Taipei and in London, in winter and in summer, and a year's end.
MOMENTS = [datetime.datetime(2026, 3, 5, 15, 30, tzinfo=UTC),
           datetime.datetime(2026, 3, 5, 16, 30, tzinfo=UTC),
           datetime.datetime(2026, 7, 5, 22, 59, tzinfo=UTC),
           datetime.datetime(2026, 7, 5, 23, 30, tzinfo=UTC),
           datetime.datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
           datetime.datetime(2027, 1, 1, 0, 0, tzinfo=UTC)]


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["Asia/Taipei", "Europe/London"])
def test_local_date_is_the_calendar_day_in_the_current_time_zone(zone):
    for number, moment in enumerate(MOMENTS):
        Session.objects.create(session_key=f"moment-{number}", session_data="",
                               expire_date=moment)
    with timezone.override(zone):
        days = Session.objects.annotate(day=LocalDate("expire_date")).order_by("expire_date")
        assert list(days.values_list("day", flat=True)) == [
            moment.astimezone(zoneinfo.ZoneInfo(zone)).date() for moment in MOMENTS]


@pytest.mark.django_db
def test_on_sqlite_a_fixed_offset_zone_is_read_without_a_python_function_a_row():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's own date() function")
    with timezone.override("Asia/Taipei"):
        sql = str(Session.objects.annotate(day=LocalDate("expire_date")).query)
    assert "date(" in sql and "django_datetime_cast_date" not in sql
