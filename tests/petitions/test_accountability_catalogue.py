"""The accountability figures in the open-data catalogue, read by real clients: ckanapi's
RemoteCKAN against a live server, and rdflib on the DCAT catalogue."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import requests
from ckanapi import RemoteCKAN
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, RDF

from opendata.models import DatasetPage, DatasetResource
from petitions import actions, domain
from petitions.models import Kind, Status
from tests.factories import translated_agency
from tests.opendata.page_makers import make_dataset

pytestmark = pytest.mark.django_db(transaction=True)

TAIPEI = ZoneInfo("Asia/Taipei")
SUBJECT, NAME = "獨角獸路燈陳情XYZ", "司馬懿芳"


@pytest.fixture
def published(home):
    roads, _ = translated_agency("397110000A", "工務局", "Public Works Bureau")
    for day in (2, 3, 4):
        received = datetime.datetime(2026, 3, day, 10, tzinfo=TAIPEI)
        case, _code = domain.create_case(Kind.PETITION, {"subject": SUBJECT, "name": NAME},
                                         received)
        actions.assign(case, roads, None)
        actions.change_status(case, Status.CLOSED, None)
    page = make_dataset(home, identifier="case-accountability", title="陳情及申訴案件如期回覆統計")
    page.resources = [DatasetResource(title=fmt, format=fmt, generator="case-accountability")
                      for fmt in ("CSV", "JSON", "ODS")]
    page.save_revision().publish()
    return DatasetPage.objects.get(pk=page.pk)


def test_ckan_clients_find_the_live_dataset_and_fetch_its_files(live_server, published):
    remote = RemoteCKAN(live_server.url)
    package = remote.action.package_show(id="case-accountability")
    assert sorted(resource["format"] for resource in package["resources"]) == [
        "CSV", "JSON", "ODS"]
    assert [found["name"] for found in remote.action.package_search(q="如期回覆")["results"]] \
        == ["case-accountability"]
    resource = next(r for r in package["resources"] if r["format"] == "JSON")
    rows = json.loads(requests.get(resource["url"], timeout=30).content)
    assert rows[0]["agency_code"] == "397110000A" and rows[0]["received"] == "3"
    assert SUBJECT not in json.dumps(package, ensure_ascii=False) + json.dumps(
        rows, ensure_ascii=False)
    assert NAME not in json.dumps(rows, ensure_ascii=False)


def test_the_dcat_catalogue_lists_its_three_distributions(client, published):
    graph = Graph().parse(data=client.get("/data/catalog.ttl").content.decode(),
                          format="turtle")
    [dataset] = [subject for subject in graph.subjects(RDF.type, DCAT.Dataset)
                 if str(graph.value(subject, DCTERMS.identifier)) == "case-accountability"]
    media = sorted(str(graph.value(d, DCAT.mediaType)).rsplit("/", 1)[-1]
                   for d in graph.objects(dataset, DCAT.distribution))
    assert len(media) == 3 and "csv" in media and "json" in media
