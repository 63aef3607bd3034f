"""The statistics chart compares like with like: each reporting period on a true time axis,
at its monthly average, with human labels in the reader's language."""

import datetime

import pytest

from consumer import chart, domain
from consumer.models import ReportingPeriod
from tests.factories import translate
from tests.html import parse

from .page_makers import consumer_index, statistics_page

D = datetime.date


@pytest.mark.parametrize("start, end, months", [
    (D(2015, 1, 1), D(2015, 12, 31), 12),
    (D(2016, 1, 1), D(2016, 12, 31), 12),  # a leap year is still twelve months
    (D(2019, 3, 1), D(2019, 8, 31), 6),
    (D(2022, 2, 1), D(2022, 6, 30), 5),
    (D(2022, 2, 1), D(2022, 2, 14), 0.5),
    (D(2022, 1, 16), D(2022, 2, 28), 1 + 16 / 31),
])
def test_months_covered(start, end, months):
    assert domain.months_covered(start, end) == pytest.approx(months)


def test_per_month_compares_periods_of_different_lengths():
    # 7284 in a year and 5643 in five months: the second is more per month, not fewer.
    year = domain.per_month(7284, D(2015, 1, 1), D(2015, 12, 31))
    five_months = domain.per_month(5643, D(2022, 2, 1), D(2022, 6, 30))
    assert year == pytest.approx(607) and five_months == pytest.approx(1128.6)
    assert domain.per_month(None, D(2015, 1, 1), D(2015, 12, 31)) is None


def test_time_axis_is_proportional_to_dates():
    axis = chart.TimeAxis(D(2015, 1, 1), D(2022, 6, 30), left=0, right=2738)  # 2738 days
    assert axis.x(D(2015, 1, 1)) == 0
    assert axis.span(D(2015, 1, 1), D(2015, 12, 31)) == (0, 365)
    assert axis.x(D(2022, 7, 1)) == 2738


@pytest.mark.parametrize("value, top", [(0, 1), (7, 10), (607, 1000), (1128.6, 2000),
                                        (230, 250), (40, 50)])
def test_nice_top(value, top):
    assert chart.nice_top(value) == top


def test_year_labels_in_each_language():
    first, last = D(2015, 1, 1), D(2022, 6, 30)
    assert [label for _day, label in chart.time_ticks(first, last, "zh-hant")][:2] == [
        "104年", "105年"]
    assert [label for _day, label in chart.time_ticks(first, last, "en")][-1] == "2022"
    # Within one year, months.
    assert [label for _d, label in chart.time_ticks(D(2022, 2, 1), D(2022, 6, 30), "en")] == [
        "2022-02", "2022-03", "2022-04", "2022-05", "2022-06"]


@pytest.fixture
def periods():
    return [
        ReportingPeriod.objects.create(label="104年度", label_en="2015",
                                       start=D(2015, 1, 1), end=D(2015, 12, 31),
                                       consultations=7284, first_complaints=3170),
        ReportingPeriod.objects.create(label="108年3月至8月", label_en="Mar–Aug 2019",
                                       start=D(2019, 3, 1), end=D(2019, 8, 31),
                                       consultations=5118, first_complaints=2366),
        ReportingPeriod.objects.create(label="111年2月至6月", label_en="Feb–Jun 2022",
                                       start=D(2022, 2, 1), end=D(2022, 6, 30),
                                       consultations=5643, first_complaints=2368),
    ]


def spans(page, measure):
    return [(float(line["x1"]), float(line["x2"]), float(line["y1"]),
             float(line["data-per-month"]))
            for line in page.select(f"figure.chart svg line[data-measure={measure}]")]


def test_chart_places_periods_on_a_time_axis_at_their_monthly_average(client, home, periods):
    page = parse(client.get(statistics_page(home).url).content)
    consultations = spans(page, "consultations")
    assert [rate for *_xy, rate in consultations] == [607.0, 853.0, 1128.6]
    (a1, a2, ay, _), (b1, b2, by, _), (c1, c2, cy, _) = consultations
    # Widths in proportion to the periods' days, gaps to the years between them.
    assert (b2 - b1) / (a2 - a1) == pytest.approx(184 / 365, abs=0.01)
    assert (c2 - c1) / (a2 - a1) == pytest.approx(150 / 365, abs=0.01)
    assert (b1 - a1) / (a2 - a1) == pytest.approx((D(2019, 3, 1) - D(2015, 1, 1)).days / 365,
                                                  abs=0.01)
    # Higher per month is higher on the drawing (smaller y).
    assert ay > by > cy
    # Every label is inside the drawing.
    svg = page.select_one("figure.chart .period-chart__drawing svg")
    width = float(svg["viewbox"].split()[2])  # the HTML parser lowercases attribute names
    for text in svg.select("text"):
        half = chart.text_width(text.get_text()) / 2
        x = float(text["x"])
        if text.get("text-anchor") == "end":
            assert x - 2 * half >= 0
        else:
            assert x - half >= 0 and x + half <= width


def test_legend_uses_human_labels_in_the_readers_language(client, home, home_en, periods):
    page = parse(client.get(statistics_page(home).url).content)
    legend = [li.get_text(strip=True) for li in page.select("figure.chart .chart-legend li")]
    assert legend == ["消費諮詢", "第一次申訴"]
    assert "first_complaints" not in page.select_one("figure.chart").get_text()
    translate(consumer_index(home), "en", title="Consumer protection")
    english = translate(statistics_page(home), "en", title="Consumer protection figures")
    page = parse(client.get(english.url).content)
    legend = [li.get_text(strip=True) for li in page.select("figure.chart .chart-legend li")]
    assert legend == ["Consultations", "First complaints"]
    assert [t.get_text() for t in page.select("figure.chart svg text")][-1] == "2022"
    assert page.select_one("figure.chart svg title").get_text() == (
        "Monthly average of each reporting period")


def test_monthly_table_is_the_charts_text_alternative(client, home, periods):
    page = parse(client.get(statistics_page(home).url).content)
    rows = [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
            for row in page.select("table.monthly-figures tbody tr")]
    assert [row[1:4] for row in rows] == [["12", "607.0", "264.2"], ["6", "853.0", "394.3"],
                                          ["5", "1128.6", "473.6"]]
    assert rows[0][-1] == "—無數據"
