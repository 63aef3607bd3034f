"""Programs read the served CSV by its URL, as a data user would, with clean column names."""

import csv
import io
import urllib.request

import pandas
import pytest
from django.urls import reverse
from frictionless import Resource

from .page_makers import make_dataset

pytestmark = pytest.mark.django_db(transaction=True)

COLUMNS = ["期別", "諮詢件數", "申訴件數"]


def test_pandas_csv_and_frictionless_read_the_download_url(live_server, home):
    resource = make_dataset(home).resources.get()
    url = live_server.url + reverse("opendata-download", args=[resource.pk])
    assert list(pandas.read_csv(url).columns) == COLUMNS
    with urllib.request.urlopen(url) as response:  # noqa: S310 (the test server)
        charset = response.headers.get_content_charset()
        rows = list(csv.DictReader(io.TextIOWrapper(response, encoding=charset)))
    assert charset == "utf-8"
    assert list(rows[0]) == COLUMNS
    with Resource(path=url, format="csv") as table:
        assert table.header == COLUMNS
    excel_url = live_server.url + reverse("opendata-download-excel", args=[resource.pk])
    with urllib.request.urlopen(excel_url) as response:  # noqa: S310
        assert response.read(3) == b"\xef\xbb\xbf"
