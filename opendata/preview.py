"""The dataset page's preview: the first rows of a CSV or ODS resource and an SVG line chart
of its numeric columns, drawn on the server so the page needs no script."""

import csv
import io
import itertools

from django.utils.html import escape
from django.utils.safestring import mark_safe
from odf import teletype
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow

from . import generators

PREVIEW_ROWS = 50
# An ODS file is a zipped document read whole; larger ones are not previewed.
ODS_PREVIEW_LIMIT = 5 * 1024 * 1024
COLOURS = ["#1f5fa8", "#b8461b", "#2e7d32", "#6a1b9a", "#8d6e00"]
ENCODINGS = {"UTF-8": "utf-8-sig", "Big5": "big5"}


def _csv_text(resource):
    if resource.generator:
        if generators.get(resource.generator) is None:
            return None
        return generators.render(resource.generator, "CSV").content.decode("utf-8")
    if not resource.file:
        return None
    with resource.file.storage.open(resource.file.name, "rb") as handle:
        # Enough for 50 rows of any sensible table, without reading a large file whole.
        head = handle.read(256 * 1024)
    return head.decode(ENCODINGS.get(resource.encoding, "utf-8"), errors="replace")


def _csv_rows(resource):
    text = _csv_text(resource)
    return csv.reader(io.StringIO(text)) if text else iter(())


def _ods_rows(resource):
    """The first sheet's rows as lists of cell texts."""
    if resource.generator:
        if generators.get(resource.generator) is None:
            return
        handle = io.BytesIO(generators.render(resource.generator, "ODS").content)
    elif resource.file and resource.file.size <= ODS_PREVIEW_LIMIT:
        handle = resource.file.storage.open(resource.file.name, "rb")
    else:
        return
    with handle:
        tables = load(handle).spreadsheet.getElementsByType(Table)
    for row in tables[0].getElementsByType(TableRow) if tables else []:
        cells = []
        for cell in row.getElementsByType(TableCell):
            # Spreadsheets pad rows with one cell repeated to the last column.
            repeat = min(int(cell.getAttribute("numbercolumnsrepeated") or 1), 1000)
            cells += [teletype.extractText(cell)] * repeat
        while cells and cells[-1] == "":
            cells.pop()
        yield cells


READERS = {"CSV": _csv_rows, "ODS": _ods_rows}


def preview_for(resources, fields):
    resources = list(resources)
    resource = next((r for fmt in READERS for r in resources if r.format == fmt), None)
    if resource is None:
        return None
    reader = READERS[resource.format](resource)
    header = next(reader, None)
    if not header:
        return None
    rows = [row for row in itertools.islice(reader, PREVIEW_ROWS) if row]
    # The chart's legend names each column as the field descriptions do ("第一次申訴件數"),
    # not by its machine name ("first_complaints").
    labels = {field.name: field.description for field in fields if field.description}
    return {"resource": resource, "header": header, "rows": rows,
            "chart": chart_svg(header, rows, labels)}


def _number(value):
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def numeric_columns(header, rows):
    """Indexes of columns after the first whose every non-empty cell is a number."""
    found = []
    for index in range(1, len(header)):
        cells = [row[index] for row in rows if index < len(row) and row[index] != ""]
        if cells and all(_number(cell) is not None for cell in cells):
            found.append(index)
    return found


def chart_svg(header, rows, labels=None, width=640, height=280):
    """An SVG line chart of the numeric columns; `labels` maps column names to the names
    the legend shows."""
    labels = labels or {}
    columns = numeric_columns(header, rows)[:len(COLOURS)]
    if not columns or len(rows) < 2:
        return None
    values = [[_number(row[i]) if i < len(row) else None for row in rows] for i in columns]
    top = max((v for series in values for v in series if v is not None), default=0) or 1
    left, right, upper, lower = 60, 10, 10, 40
    plot_w, plot_h = width - left - right, height - upper - lower
    step = plot_w / (len(rows) - 1)

    def y(value):
        return upper + plot_h - plot_h * value / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height + 20 * len(columns)}"'
        f' role="img" aria-labelledby="chart-title"><title id="chart-title">'
        f'{escape(", ".join(labels.get(header[i], header[i]) for i in columns))}</title>',
        f'<line x1="{left}" y1="{upper + plot_h}" x2="{width - right}" y2="{upper + plot_h}" '
        'stroke="#333"/>',
        f'<line x1="{left}" y1="{upper}" x2="{left}" y2="{upper + plot_h}" stroke="#333"/>',
        f'<text x="{left - 4}" y="{upper + 4}" text-anchor="end" font-size="11">{top:g}</text>',
        f'<text x="{left - 4}" y="{upper + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    for n, row in enumerate(rows):
        if n in (0, len(rows) - 1) or len(rows) <= 12:
            parts.append(f'<text x="{left + n * step:.1f}" y="{upper + plot_h + 16}" '
                         f'text-anchor="middle" font-size="11">{escape(row[0])}</text>')
    for number, (index, series) in enumerate(zip(columns, values, strict=True)):
        colour = COLOURS[number]
        points = " ".join(f"{left + n * step:.1f},{y(v):.1f}"
                          for n, v in enumerate(series) if v is not None)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                     f'points="{points}"/>')
        legend_y = height + 20 * number
        parts.append(f'<rect x="{left}" y="{legend_y - 10}" width="12" height="12" '
                     f'fill="{colour}"/><text x="{left + 18}" y="{legend_y}" font-size="12">'
                     f'{escape(labels.get(header[index], header[index]))}</text>')
    parts.append("</svg>")
    # Every text in the drawing went through escape(); the rest is numbers and fixed markup.
    return mark_safe("".join(parts))  # noqa: S308
