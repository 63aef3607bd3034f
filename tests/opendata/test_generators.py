import csv
import io
import json
import zipfile

import pytest
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
