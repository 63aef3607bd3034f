"""The live generators: the datasets the apps declare as `portal.datasets.LiveDataset`
(the LIVE_DATASETS extension point), rendered as files. A dataset resource names one.

Files are rendered on request in CSV, JSON or ODS and cached under the version, so rows()
runs once per version and format, however many downloads follow.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from portal.datasets import live_datasets
from portal.i18n import default_language
from portal.models import Agency

FORMATS = ("CSV", "JSON", "ODS")
CACHE_SECONDS = 60 * 60 * 24 * 30


@dataclass(frozen=True)
class Rendered:
    content: bytes
    version: str

    @property
    def sha256(self):
        return hashlib.sha256(self.content).hexdigest()


def get(name):
    return live_datasets().get(name)


def choices():
    return [(name, dataset.title or name) for name, dataset in sorted(live_datasets().items())]


def render(name, file_format):
    """The generator's current output as bytes, from the cache while its version holds."""
    generator = live_datasets()[name]
    version = str(generator.version())
    key = "opendata:generator:" + hashlib.sha256(
        f"{name}\0{file_format}\0{version}".encode()).hexdigest()
    content = cache.get(key)
    if content is None:
        content = WRITERS[file_format](list(generator.rows()))
        cache.set(key, content, CACHE_SECONDS)
    return Rendered(content=content, version=version)


def _columns(rows):
    columns = []
    for row in rows:
        for column in row:
            if column not in columns:
                columns.append(column)
    return columns


def write_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_columns(rows), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def write_json(rows):
    return json.dumps(rows, ensure_ascii=False, cls=DjangoJSONEncoder, indent=1).encode("utf-8")


def write_ods(rows):
    document = OpenDocumentSpreadsheet()
    table = Table(name="data")
    columns = _columns(rows)

    def add_row(values, numeric=False):
        row = TableRow()
        for value in values:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            if value is not None:
                cell.addElement(P(text=str(value)))
            row.addElement(cell)
        table.addElement(row)

    add_row(columns)
    for row in rows:
        add_row([row.get(column) for column in columns])
    document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


WRITERS = {"CSV": write_csv, "JSON": write_json, "ODS": write_ods}


def agency_rows():
    return [
        {"code": agency.code, "name": agency.name, "short_name": agency.short_name,
         "parent_code": agency.parent.code if agency.parent else "", "phone": agency.phone,
         "address": agency.address}
        for agency in Agency.objects.filter(locale__language_code=default_language())
        .select_related("parent").order_by("code")
    ]


def agency_version():
    # Agency has no timestamp, so the version hashes every row's editable values in one query;
    # the list is a few dozen rows.
    chinese = Agency.objects.filter(locale__language_code=default_language())
    values = chinese.order_by("code").values_list(
        "code", "name", "short_name", "parent__code", "phone", "address")
    return hashlib.sha256(repr(list(values)).encode()).hexdigest()[:16]
