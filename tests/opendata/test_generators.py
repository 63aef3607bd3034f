import csv
import datetime
import io
import json
import zipfile

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from opendata import generators
from opendata.models import DatasetPage, DatasetResource
from portal.models import Agency

from .page_makers import make_index

pytestmark = pytest.mark.django_db


def test_renders_csv_json_and_ods(source):
    rows = list(csv.DictReader(io.StringIO(
        generators.render("test-cities", "CSV").content.decode())))
    assert rows[0] == {"城市": "高雄", "人口": "2740000"}
    assert json.loads(generators.render("test-cities", "JSON").content)[1]["城市"] == "Kaohsiung"
    ods = zipfile.ZipFile(io.BytesIO(generators.render("test-cities", "ODS").content))
    assert ods.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    assert "高雄".encode() in ods.read("content.xml")


def test_cached_until_the_version_changes(source):
    for _ in range(3):
        generators.render("test-cities", "CSV")
    assert source.reads == 1
    source.version = "2"
    source.data = [{"城市": "台南", "人口": 3}]
    assert "台南" in generators.render("test-cities", "CSV").content.decode()
    generators.render("test-cities", "CSV")
    assert source.reads == 2


def test_live_resource_downloads_generated_file(client, home, source):
    index = make_index(home)
    page = DatasetPage(title="測試城市", slug="cities", identifier="cities", locale=home.locale,
                       description="即時資料", update_frequency="live")
    page.resources = [DatasetResource(title="城市", format="JSON", generator="test-cities")]
    index.add_child(instance=page)
    page.save_revision().publish()
    resource = page.resources.get()
    response = client.get(reverse("opendata-download", args=[resource.pk]))
    assert response["Content-Type"] == "application/json"
    assert json.loads(b"".join(response.streaming_content))[0]["城市"] == "高雄"
    assert client.get(reverse("opendata-download", args=[resource.pk]),
                      HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert source.reads == 1


def test_agency_generator_follows_agency_edits(home):
    cache.clear()
    agency = Agency.objects.create(code="397000000A", name="行政暨國際處", locale=home.locale)
    assert "行政暨國際處" in generators.render("agencies", "CSV").content.decode()
    agency.name = "行政暨國際處（新）"
    agency.save()
    assert "（新）" in generators.render("agencies", "CSV").content.decode()


def test_live_validators_follow_the_content(client, home, source):
    index = make_index(home)
    page = DatasetPage(title="測試城市", slug="cities", identifier="cities", locale=home.locale,
                       description="即時資料", update_frequency="live")
    page.resources = [DatasetResource(title="城市", format="CSV", generator="test-cities")]
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), tick=False):
        index.add_child(instance=page)
        page.save_revision().publish()
        url = reverse("opendata-download", args=[page.resources.get().pk])
        yesterday = client.get(url)
        assert yesterday["Cache-Control"] == "public, no-cache"
        b"".join(yesterday.streaming_content)
    source.version = "2"
    source.data = [{"城市": "台南", "人口": 3}]
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        # A client holding yesterday's copy, asking by date alone or by both validators.
        for validators in ({"HTTP_IF_MODIFIED_SINCE": yesterday["Last-Modified"]},
                           {"HTTP_IF_MODIFIED_SINCE": yesterday["Last-Modified"],
                            "HTTP_IF_NONE_MATCH": yesterday["ETag"]}):
            today = client.get(url, **validators)
            assert today.status_code == 200
            assert "台南" in b"".join(today.streaming_content).decode()
        assert today["ETag"] != yesterday["ETag"]
        assert today["Last-Modified"] == "Mon, 02 Mar 2026 09:00:00 GMT"
    with time_machine.travel(datetime.datetime(2026, 3, 3, 9, tzinfo=datetime.UTC), tick=False):
        unchanged = client.get(url, HTTP_IF_MODIFIED_SINCE=today["Last-Modified"],
                               HTTP_IF_NONE_MATCH=today["ETag"])
        assert unchanged.status_code == 304
        assert unchanged["ETag"] == today["ETag"]
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=today["Last-Modified"]).status_code == 304
        assert client.head(url)["Last-Modified"] == today["Last-Modified"]
