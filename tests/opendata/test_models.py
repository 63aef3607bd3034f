import hashlib
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opendata.generators import write_ods
from opendata.models import LICENCE_NAME, DatasetResource
from tests.html import parse

from .page_makers import CSV, make_dataset

pytestmark = pytest.mark.django_db


def test_resource_facts_are_computed_from_the_file(home):
    dataset = make_dataset(home)
    resource = dataset.resources.get()
    assert resource.size == len(CSV)
    assert resource.sha256 == hashlib.sha256(CSV).hexdigest()
    assert resource.file_modified is not None
    assert dataset.licence_name == LICENCE_NAME


def test_fields_given_in_code_keep_their_order(home):
    # Without a sort_order, PostgreSQL returned the fields in any order and the published
    # schema no longer matched the columns of the file.
    dataset = make_dataset(home)
    assert list(dataset.data_fields.values_list("name", "sort_order")) == [
        ("期別", 0), ("諮詢件數", 1), ("申訴件數", 2)]
    assert [r.sort_order for r in dataset.resources.all()] == [0]


def test_resource_needs_exactly_one_source(home):
    with pytest.raises(ValidationError):
        DatasetResource(title="空", format="CSV").clean()
    with pytest.raises(ValidationError):
        DatasetResource(title="兩者", format="CSV", file="a.csv", generator="agencies").clean()
    with pytest.raises(ValidationError):
        DatasetResource(title="PDF", format="PDF", generator="agencies").clean()
    DatasetResource(title="機關", format="ODS", generator="agencies").clean()


def row_headers(soup):
    return [th.get_text() for th in soup.find_all("th", scope="row")]


def links_ending(soup, text):
    return [link for link in soup.find_all("a") if link.get_text().endswith(text)]


def test_dataset_page_shows_metadata_preview_and_chart(client, home):
    dataset = make_dataset(home)
    html = client.get(dataset.url).content.decode()
    assert "政府資料開放授權條款-第1版" in html
    soup = parse(html)
    assert soup.find("svg") is not None and "諮詢件數" in html
    assert "2016" in row_headers(soup)


def test_ods_resource_is_previewed_as_table_and_chart(client, home):
    rows = [{"期別": "2015", "諮詢件數": 7284, "申訴件數": 3170},
            {"期別": "2019", "諮詢件數": 5118, "申訴件數": None},
            {"期別": "2022", "諮詢件數": 5643, "申訴件數": 2368}]
    dataset = make_dataset(home, content=write_ods(rows), filename="figures.ods",
                           file_format="ODS")
    html = client.get(dataset.url).content.decode()
    soup = parse(html)
    assert "2019" in row_headers(soup) and "5118" in html and "2368" in html
    assert soup.select_one("svg polyline") is not None


def test_index_filters_with_counts(client, home):
    make_dataset(home)
    make_dataset(home, identifier="gazette", title="公報期數", tags=("公報",),
                 category="general-administration")
    index = home.get_children().get(slug="data")
    html = client.get(index.url).content.decode()
    assert "消費者保護 (1)" in html and "公報 (1)" in html
    filtered = client.get(index.url, {"tag": "公報"}).content.decode()
    assert "公報期數" in filtered and not links_ending(parse(filtered), "消費者服務統計")
    assert "CSV (1)" in filtered
    searched = client.get(index.url, {"q": "公報"}).content.decode()
    assert "公報期數" in searched and not links_ending(parse(searched), "消費者服務統計")


# Unfiltered, filtered by a column, and by the resources' and keywords' joined rows (the
# matches are then read by id), and by text.
@pytest.mark.parametrize("query", ["", "?agency=397000000A", "?format=CSV", "?tag=標籤1",
                                   "?q=資料集"])
def test_index_queries_stay_constant(client, home, django_assert_max_num_queries, settings,
                                     query):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # the render is measured, not the page cache
    def add(numbers):
        for n in numbers:
            make_dataset(home, identifier=f"set-{n}", title=f"資料集{n}",
                         tags=(f"標籤{n}", "標籤1"))

    add(range(2))
    url = home.get_children().get(slug="data").url + query
    client.get(url)  # warm per-process caches (site root paths, locales)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    # Counted now: the connection's log of queries is bounded, and adding pages rolls it.
    few = len(captured)
    add(range(2, 8))
    client.get(url)  # the content changed: warm again what is kept per content version
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.status_code == 200
    # Every match listed once, however many rows the filter's join gave it.
    assert response.content.decode().count('class="card"') == 8


# A migration's module name starts with a digit, so it is imported by name.
PRIVATE_STORAGE_MIGRATION = importlib.import_module(
    "opendata.migrations.0002_resource_files_in_private_storage")


def test_migration_moves_existing_files_out_of_the_public_media(home):
    resource = make_dataset(home).resources.get()
    public = storages["default"].save("opendata/old.csv", ContentFile(b"a,b\n1,2\n"))
    DatasetResource.objects.filter(pk=resource.pk).update(file=public)
    PRIVATE_STORAGE_MIGRATION.to_private(django_apps, None)
    assert not storages["default"].exists(public)
    with storages["private"].open(public, "rb") as moved:
        assert moved.read() == b"a,b\n1,2\n"
