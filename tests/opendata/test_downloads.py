import codecs
import csv
import hashlib
import io
from pathlib import Path
from urllib.parse import quote

import pandas
import pytest
from django.urls import reverse
from frictionless import Resource

from opendata.downloads import parse_range
from opendata.models import DatasetPage, DatasetResource
from tests.factories import translate
from tests.html import parse

from .helpers import call
from .page_makers import CSV, make_dataset

pytestmark = pytest.mark.django_db


def content(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def resource(home):
    return make_dataset(home, title="消費統計").resources.get()


def test_full_download_streams_with_validators_and_utf8_name(client, resource):
    response = client.get(reverse("opendata-download", args=[resource.pk]))
    assert response.status_code == 200
    assert response.streaming
    assert content(response) == CSV
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["ETag"] == f'"{hashlib.sha256(CSV).hexdigest()}"'
    assert response["Last-Modified"]
    assert response["Accept-Ranges"] == "bytes"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%E6%B6%88%E8%B2%BB%E7%B5%B1%E8%A8%88" in disposition


def test_revalidation_gives_304_and_does_not_count(client, resource):
    url = reverse("opendata-download", args=[resource.pk])
    first = client.get(url)
    content(first)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert DatasetResource.objects.get(pk=resource.pk).download_count == 1


def test_range_resumes_with_206(client, resource):
    url = reverse("opendata-download", args=[resource.pk])
    response = client.get(url, HTTP_RANGE="bytes=5-")
    assert response.status_code == 206
    assert content(response) == CSV[5:]
    assert response["Content-Range"] == f"bytes 5-{len(CSV) - 1}/{len(CSV)}"
    stale = client.get(url, HTTP_RANGE="bytes=5-", HTTP_IF_RANGE='"old"')
    assert stale.status_code == 200
    assert client.get(url, HTTP_RANGE=f"bytes={len(CSV)}-").status_code == 416


def test_parse_range():
    assert parse_range("bytes=0-9", 100) == (0, 9)
    assert parse_range("bytes=-10", 100) == (90, 99)
    assert parse_range("bytes=90-200", 100) == (90, 99)
    assert parse_range("bytes=100-", 100) is False
    assert parse_range("items=0-1", 100) is None
    assert parse_range("bytes=0-1,5-6", 100) is None


def test_downloads_are_counted_and_shown(client, resource):
    url = reverse("opendata-download", args=[resource.pk])
    for _ in range(3):
        content(client.get(url))
    resource.refresh_from_db()
    assert resource.download_count == 3
    html = client.get(resource.page.url).content.decode()
    assert "3" in [cell.get_text() for cell in parse(html).find_all("td")]


def test_unknown_or_draft_resource_is_404(client, home):
    assert client.get(reverse("opendata-download", args=[999])).status_code == 404
    dataset = make_dataset(home)
    dataset.unpublish()
    resource = dataset.resources.get()
    assert client.get(reverse("opendata-download", args=[resource.pk])).status_code == 404


EXCEL_SAVED = codecs.BOM_UTF8 + CSV  # Excel's "CSV UTF-8" puts a byte-order mark in front


def test_head_is_not_counted(client, resource):
    url = reverse("opendata-download", args=[resource.pk])
    head = client.head(url)
    assert head.status_code == 200
    assert head["Content-Length"] == str(len(CSV))
    content(client.get(url))
    assert DatasetResource.objects.get(pk=resource.pk).download_count == 1


def test_file_name_is_not_doubled_and_has_an_ascii_fallback(client, home):
    dataset = make_dataset(home, title="消費者服務件數")
    resource = dataset.resources.get()
    DatasetResource.objects.filter(pk=resource.pk).update(title="消費者服務件數")
    disposition = client.get(reverse("opendata-download", args=[resource.pk]))[
        "Content-Disposition"]
    assert disposition == (f'attachment; filename="consumer-figures-{resource.pk}.csv"; '
                           f"filename*=utf-8''{quote('消費者服務件數.csv')}")
    DatasetResource.objects.filter(pk=resource.pk).update(title="2024/年度")
    disposition = client.get(reverse("opendata-download", args=[resource.pk]))[
        "Content-Disposition"]
    assert disposition.endswith(f"filename*=utf-8''{quote('消費者服務件數-2024_年度.csv')}")


def test_programs_read_clean_column_names_and_excel_gets_a_byte_order_mark(client, home):
    resource = make_dataset(home, content=EXCEL_SAVED).resources.get()
    plain = client.get(reverse("opendata-download", args=[resource.pk]))
    assert plain["Content-Type"] == "text/csv; charset=utf-8"
    body = content(plain)
    assert body == CSV  # the stored file lost the mark on upload
    assert resource.size == len(CSV)
    charset = plain["Content-Type"].split("charset=")[1]
    columns = ["期別", "諮詢件數", "申訴件數"]
    assert csv.DictReader(io.StringIO(body.decode(charset))).fieldnames == columns
    assert list(pandas.read_csv(io.BytesIO(body)).columns) == columns
    with Resource(data=body, format="csv") as table:
        assert table.header == columns

    page = parse(client.get(resource.page.url).content.decode())
    excel_url = reverse("opendata-download-excel", args=[resource.pk])
    assert page.find("a", href=excel_url)
    excel = client.get(excel_url)
    assert excel["Content-Type"] == "text/csv; charset=utf-8"
    assert content(excel) == codecs.BOM_UTF8 + CSV
    assert excel["Content-Length"] == str(len(CSV) + 3)
    assert excel["ETag"] != plain["ETag"]
    assert excel["Content-Disposition"].endswith(quote("消費者服務統計-統計表 (Excel).csv"))
    resumed = client.get(excel_url, HTTP_RANGE="bytes=2-10")
    assert resumed.status_code == 206
    assert content(resumed) == (codecs.BOM_UTF8 + CSV)[2:11]
    assert DatasetResource.objects.get(pk=resource.pk).download_count == 2


def test_big5_csv_names_its_charset_and_has_no_excel_copy(client, home):
    resource = make_dataset(home, content="期別,件數\n2015,1\n".encode("cp950")).resources.get()
    DatasetResource.objects.filter(pk=resource.pk).update(encoding="Big5")
    response = client.get(reverse("opendata-download", args=[resource.pk]))
    assert response["Content-Type"] == "text/csv; charset=big5"
    assert client.get(reverse("opendata-download-excel", args=[resource.pk])).status_code == 404


def test_republished_dataset_files_are_reachable_again_and_deleted_ones_are_not(client, home):
    dataset = make_dataset(home)
    resource = dataset.resources.get()
    url = reverse("opendata-download", args=[resource.pk])
    excel_url = reverse("opendata-download-excel", args=[resource.pk])
    dataset.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(excel_url).status_code == 404
    dataset.get_latest_revision().publish()
    resource = DatasetPage.objects.get(pk=dataset.pk).resources.get()
    assert client.get(reverse("opendata-download", args=[resource.pk])).status_code == 200
    dataset.delete()
    assert client.get(reverse("opendata-download", args=[resource.pk])).status_code == 404


def test_english_page_serves_the_chinese_resources_with_one_count(client, home_en, home):
    dataset = make_dataset(home)
    source = dataset.resources.get()
    translate(dataset.get_parent(), "en", title="Open data")
    english = translate(dataset, "en", title="Consumer service figures")
    copies = list(english.resources.all())
    assert english.url.startswith("/en/data/")
    content(client.get(reverse("opendata-download", args=[source.pk])))
    for copy in copies:  # links to the copies, handed out before, lead to the one file
        moved = client.get(reverse("opendata-download", args=[copy.pk]))
        assert moved.status_code == 301
        assert moved["Location"] == reverse("opendata-download", args=[source.pk])
    english_page = parse(client.get(english.url).content.decode())
    links = {link["href"] for link in english_page.find_all("a")}
    assert reverse("opendata-download", args=[source.pk]) in links
    assert reverse("opendata-download-excel", args=[source.pk]) in links
    assert not {reverse("opendata-download", args=[copy.pk]) for copy in copies} & links
    assert "1" in [cell.get_text() for cell in english_page.find_all("td")]
    assert DatasetResource.objects.get(pk=source.pk).download_count == 1
    package = call(client, "package_show", id="consumer-figures").json()["result"]
    assert [resource["id"] for resource in package["resources"]] == [str(source.pk)]


def test_files_are_kept_out_of_the_public_media(client, home, settings):
    """The download view is a file's only address, so unpublishing closes it: nothing is
    left where a web server or bucket policy publishes /media/."""
    resource = make_dataset(home).resources.get()
    assert not resource.file.url.startswith(settings.MEDIA_URL)
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert content(client.get(reverse("opendata-download", args=[resource.pk]))) == CSV
