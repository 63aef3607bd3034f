import hashlib

import pytest
from django.urls import reverse

from opendata.downloads import parse_range
from opendata.models import DatasetResource
from tests.html import parse

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
    assert response["Content-Type"] == "text/csv"
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
