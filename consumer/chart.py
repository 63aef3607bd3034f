"""The statistics page's chart, drawn on the server as SVG (the page needs no script).

Reports cover periods of different lengths (a year, five months, six months): each period
is drawn as a span on a true time axis, from its first day to its last, at the height of
its monthly average (consumer.domain.per_month), so that like is compared with like."""

import datetime
import itertools
import math
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.dates import roc_year

from . import domain

WIDTH, HEIGHT = 480, 260
FONT_SIZE = 13
TOP, RIGHT, BOTTOM = 12, 12, 34
# Colour and dash pattern per series: the lines differ in more than their colour.
STYLES = [("#1f5fa8", ""), ("#b8461b", "8 4"), ("#2e7d32", "2 3"), ("#6a1b9a", "10 3 2 3"),
          ("#8d6e00", "4 2")]


def text_width(text, size=FONT_SIZE):
    """A generous estimate of the width a text takes: full-width characters a square,
    others six tenths of one."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def nice_top(value):
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `value`."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def value_ticks(top, count=4):
    return [top * n / count for n in range(count + 1)]


def number_label(value):
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


@dataclass(frozen=True)
class TimeAxis:
    """Days from `first` to the day after `last` over the pixels from `left` to `right`."""

    first: datetime.date
    last: datetime.date
    left: float
    right: float

    def x(self, day):
        days = (self.last - self.first).days + 1
        return self.left + (self.right - self.left) * (day - self.first).days / days

    def span(self, start, end):
        """The pixels a period covers: from its first day to the end of its last day."""
        return self.x(start), self.x(end + datetime.timedelta(days=1))


def time_ticks(first, last, language_code):
    """(day, label) for each 1 January within the axis, years labelled as the language
    reads them (104年 or 2015); for an axis of less than two years, each month's first day."""
    years = [datetime.date(year, 1, 1) for year in range(first.year, last.year + 1)
             if first <= datetime.date(year, 1, 1) <= last]
    chinese = language_code.lower().startswith("zh")
    if len(years) >= 2:
        return [(day, f"{roc_year(day.year)}年" if chinese else str(day.year))
                for day in years]
    months, day = [], first.replace(day=1)
    while day <= last:
        if day >= first:
            months.append((day, f"{roc_year(day.year)}/{day.month:02d}" if chinese
                           else f"{day.year}-{day.month:02d}"))
        day = (day + datetime.timedelta(days=31)).replace(day=1)
    return months


def thinned(ticks, axis):
    """Every n-th tick, so that neighbouring labels never overlap."""
    if len(ticks) < 2:
        return ticks
    widest = max(text_width(label) for _day, label in ticks) + FONT_SIZE
    spacing = min(axis.x(b) - axis.x(a) for (a, _), (b, _) in itertools.pairwise(ticks))
    step = max(1, math.ceil(widest / spacing)) if spacing > 0 else len(ticks)
    return ticks[::step]


def series(periods, measures):
    """[{"field", "label", "colour", "dash", "spans": [(start, end, per month)]}] for each
    measure with at least one figure."""
    found = []
    for field, label in measures:
        spans = [(p.start, p.end, domain.per_month(getattr(p, field), p.start, p.end))
                 for p in periods if getattr(p, field) is not None]
        if spans:
            colour, dash = STYLES[len(found) % len(STYLES)]
            found.append({"field": field, "label": label, "colour": colour, "dash": dash,
                          "spans": spans})
    return found


def svg(periods, measures, language_code, title):
    """The chart and its legend's series, or None when no period has a figure."""
    lines = series(periods, measures)
    if not lines:
        return None
    top = nice_top(max(rate for line in lines for _s, _e, rate in line["spans"]))
    ticks = value_ticks(top)
    left = max(text_width(number_label(v)) for v in ticks) + 10
    bottom_y = HEIGHT - BOTTOM
    axis = TimeAxis(min(p.start for p in periods), max(p.end for p in periods),
                    left, WIDTH - RIGHT)

    def y(value):
        return bottom_y - (bottom_y - TOP) * value / top

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="chart-title" '
             f'font-size="{FONT_SIZE}"><title id="chart-title">{escape(title)}</title>']
    for value in ticks:
        parts.append(f'<line x1="{left}" y1="{y(value):.1f}" x2="{WIDTH - RIGHT}" '
                     f'y2="{y(value):.1f}" stroke="{"#333" if value == 0 else "#ccc"}"/>'
                     f'<text x="{left - 6}" y="{y(value) + FONT_SIZE * 0.35:.1f}" '
                     f'text-anchor="end">{number_label(value)}</text>')
    for day, label in thinned(time_ticks(axis.first, axis.last, language_code), axis):
        x = axis.x(day)
        # Centred under its tick, but never past either edge of the drawing.
        half = text_width(label) / 2
        centre = min(max(x, half + 1), WIDTH - half - 1)
        parts.append(f'<line x1="{x:.1f}" y1="{bottom_y}" x2="{x:.1f}" y2="{bottom_y + 5}" '
                     f'stroke="#333"/><text x="{centre:.1f}" y="{bottom_y + 5 + FONT_SIZE}" '
                     f'text-anchor="middle">{escape(label)}</text>')
    for line in lines:
        dash = f' stroke-dasharray="{line["dash"]}"' if line["dash"] else ""
        for start, end, rate in line["spans"]:
            x1, x2 = axis.span(start, end)
            parts.append(
                f'<line class="chart-span" data-measure="{line["field"]}" '
                f'data-start="{start.isoformat()}" data-end="{end.isoformat()}" '
                f'data-per-month="{rate:.1f}" x1="{x1:.1f}" y1="{y(rate):.1f}" '
                f'x2="{x2:.1f}" y2="{y(rate):.1f}" stroke="{line["colour"]}" '
                f'stroke-width="4"{dash}><title>{escape(line["label"])}: '
                f'{number_label(round(rate, 1))}</title></line>')
    parts.append("</svg>")
    # Every text in the drawing went through escape(); the rest is numbers and fixed markup.
    return {"svg": mark_safe("".join(parts)), "series": lines}  # noqa: S308
