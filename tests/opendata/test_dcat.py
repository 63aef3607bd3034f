import json

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from .page_makers import make_dataset

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("extension,rdf_format", [("jsonld", "json-ld"), ("ttl", "turtle"),
                                                  ("rdf", "xml")])
def test_catalogue_parses_with_rdflib(client, home, extension, rdf_format):
    make_dataset(home)
    response = client.get(f"/data/catalog.{extension}")
    assert response.status_code == 200
    graph = Graph().parse(data=response.content.decode(), format=rdf_format)
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1
    dataset = datasets[0]
    titles = {str(title) for title in graph.objects(dataset, DCTERMS.title)}
    assert titles == {"消費者服務統計", "Consumer service figures"}
    assert graph.value(dataset, DCTERMS.description)
    assert graph.value(dataset, DCTERMS.publisher) is not None
    assert graph.value(dataset, DCTERMS.license) == URIRef("https://data.gov.tw/license")
    assert "消費者保護" in {str(k) for k in graph.objects(dataset, DCAT.keyword)}
    assert graph.value(dataset, DCAT.theme) is not None
    distribution = graph.value(dataset, DCAT.distribution)
    assert str(graph.value(distribution, DCAT.downloadURL)).startswith("http://testserver/")
    assert str(graph.value(distribution, DCAT.mediaType)).endswith("text/csv")
    assert int(graph.value(distribution, DCAT.byteSize)) > 0


def test_data_json_is_dcat_us(client, home):
    make_dataset(home)
    body = client.get("/data.json").json()
    assert body["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    entry = body["dataset"][0]
    for key in ("title", "description", "keyword", "modified", "publisher", "contactPoint",
                "identifier", "accessLevel", "license", "distribution"):
        assert entry[key], key
    assert entry["distribution"][0]["mediaType"] == "text/csv"


def test_unknown_catalogue_format_is_404(client, home):
    assert client.get("/data/catalog.xls").status_code == 404


def test_datapackage_has_table_schema(client, home):
    make_dataset(home)
    package = json.loads(client.get("/data/consumer-figures/datapackage.json").content)
    resource = package["resources"][0]
    assert resource["schema"]["fields"][1] == {"name": "諮詢件數", "type": "integer",
                                                "description": "消費諮詢件數"}
    assert resource["path"].startswith("http://testserver/data/resource/")
    assert client.get("/data/nothing/datapackage.json").status_code == 404
