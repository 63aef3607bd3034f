"""The catalogue against DCAT-AP 3.0.1 (shapes written from the specification, checked with
pyshacl, in every serialisation) and /data.json against the Project Open Data 1.1 rules
(a JSON Schema written from its specification, checked with jsonschema)."""

import json
from pathlib import Path

import jsonschema
import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS
from wagtail.models import Locale

from opendata.models import FREQUENCIES
from portal.models import Agency

from .page_makers import make_dataset

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent
SHAPES = Graph().parse(HERE / "shapes" / "dcat-ap-3.0.1.ttl", format="turtle")
POD_SCHEMA = json.loads((HERE / "schemas" / "pod-1.1-catalog.json").read_text())
VCARD = "http://www.w3.org/2006/vcard/ns#"
EU = "http://publications.europa.eu/resource/authority/"
SERIALISATIONS = [("ttl", "turtle"), ("rdf", "xml"), ("jsonld", "json-ld")]


def catalogue(client, extension="ttl", rdf_format="turtle"):
    response = client.get(f"/data/catalog.{extension}")
    assert response.status_code == 200
    return Graph().parse(data=response.content.decode(), format=rdf_format)


def violations(graph):
    conforms, _report, text = validate(graph, shacl_graph=SHAPES, inference="none")
    return [] if conforms else [text]


def dataset_node(graph, identifier="consumer-figures"):
    return graph.value(predicate=DCTERMS.identifier, object=Literal(identifier))


def pod_errors(body):
    validator = jsonschema.Draft4Validator(POD_SCHEMA,
                                           format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(body)]


def translated_agency(home):
    agency = Agency.objects.create(code="397000000A", name="高雄市政府行政暨國際處",
                                   email="daia@kcg.gov.tw", locale=home.locale)
    english = agency.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = "Department of Administration and International Affairs"
    english.save()
    return agency


@pytest.mark.parametrize("extension,rdf_format", SERIALISATIONS)
def test_every_serialisation_meets_the_dcat_ap_shapes(client, home, extension, rdf_format):
    translated_agency(home)
    make_dataset(home, temporal_start="2015-01-01", temporal_end="2022-06-30")
    make_dataset(home, identifier="agencies", title="機關名錄", tags=(), file_format="JSON",
                 filename="agencies.json", content=b"[]", update_frequency="live",
                 category="general-administration")
    graph = catalogue(client, extension, rdf_format)
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == 2
    assert violations(graph) == []


def test_the_shapes_catch_untyped_values(client, home):
    """The shapes are not vacuous: the catalogue as it was before DCAT-AP 3 (plain-text
    format and language, an untyped licence and publisher, no contact e-mail) fails them."""
    make_dataset(home)
    graph = catalogue(client)
    dataset = dataset_node(graph)
    distribution = graph.value(dataset, DCAT.distribution)
    graph.set((distribution, DCTERMS.format, Literal("CSV")))
    graph.set((dataset, DCTERMS.language, Literal("zh-TW")))
    licence = graph.value(dataset, DCTERMS.license)
    graph.remove((licence, RDF.type, None))
    publisher = graph.value(dataset, DCTERMS.publisher)
    graph.remove((publisher, RDF.type, FOAF.Agent))
    contact = graph.value(dataset, DCAT.contactPoint)
    graph.remove((contact, URIRef(f"{VCARD}hasEmail"), None))
    report = violations(graph)[0]
    for path in ("dct:format", "dct:language", "dct:license", "dct:publisher",
                 "vcard:hasEmail"):
        assert path in report, path


def test_values_are_typed_terms_of_the_named_vocabularies(client, home):
    translated_agency(home)
    make_dataset(home, update_frequency="half-yearly")
    graph = catalogue(client)
    dataset = dataset_node(graph)

    licence = graph.value(dataset, DCTERMS.license)
    assert licence == URIRef("https://data.gov.tw/license")
    assert (licence, RDF.type, DCTERMS.LicenseDocument) in graph
    assert Literal("政府資料開放授權條款-第1版", lang="zh-Hant") in set(
        graph.objects(licence, DCTERMS.title))

    distribution = graph.value(dataset, DCAT.distribution)
    assert graph.value(distribution, DCTERMS.format) == URIRef(f"{EU}file-type/CSV")
    assert graph.value(distribution, DCAT.mediaType) == URIRef(
        "https://www.iana.org/assignments/media-types/text/csv")
    assert graph.value(distribution, DCTERMS.license) == licence
    assert graph.value(dataset, DCTERMS.language) == URIRef(f"{EU}language/ZHO")
    assert graph.value(dataset, DCTERMS.accrualPeriodicity) == URIRef(f"{EU}frequency/ANNUAL_2")

    publisher = graph.value(dataset, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert set(graph.objects(publisher, FOAF.name)) == {
        Literal("高雄市政府行政暨國際處", lang="zh-Hant"),
        Literal("Department of Administration and International Affairs", lang="en")}

    theme = graph.value(dataset, DCAT.theme)
    scheme = graph.value(theme, SKOS.inScheme)
    catalog = graph.value(predicate=RDF.type, object=DCAT.Catalog)
    assert graph.value(catalog, DCAT.themeTaxonomy) == scheme
    assert {label.language for label in graph.objects(theme, SKOS.prefLabel)} == {"zh-Hant",
                                                                                  "en"}
    assert graph.value(catalog, DCTERMS.publisher) == publisher


@pytest.mark.parametrize("frequency", [value for value, _label in FREQUENCIES])
def test_every_update_frequency_maps_onto_both_vocabularies(client, home, frequency):
    make_dataset(home, update_frequency=frequency)
    graph = catalogue(client)
    periodicity = graph.value(dataset_node(graph), DCTERMS.accrualPeriodicity)
    assert str(periodicity).startswith(f"{EU}frequency/")
    entry = client.get("/data.json").json()["dataset"][0]
    assert pod_errors({"conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
                       "dataset": [entry]}) == []
    assert entry["accrualPeriodicity"]
    package = client.get("/api/3/action/package_show", {"id": "consumer-figures"}).json()
    extras = {extra["key"]: extra["value"] for extra in package["result"]["extras"]}
    assert extras["frequency"] == str(periodicity)


@pytest.mark.parametrize("dataset_email,agency_email,department_email,expected", [
    ("figures@kcg.gov.tw", "agency@kcg.gov.tw", "daia@kcg.gov.tw", "figures@kcg.gov.tw"),
    ("", "agency@kcg.gov.tw", "daia@kcg.gov.tw", "agency@kcg.gov.tw"),
    ("", "", "daia@kcg.gov.tw", "daia@kcg.gov.tw"),
    ("", "", None, "opendata@kcg.gov.tw"),  # no department agency: the site publishes
])
def test_contact_email_is_never_empty(client, home, settings, dataset_email, agency_email,
                                      department_email, expected):
    settings.OPENDATA_CONTACT_EMAIL = "opendata@kcg.gov.tw"
    settings.OPENDATA_PUBLISHER_CODE = "397999999A"
    if department_email is not None:
        Agency.objects.create(code="397999999A", name="高雄市政府行政暨國際處",
                              email=department_email, locale=home.locale)
    make_dataset(home, contact_email=dataset_email)
    Agency.objects.filter(code="397000000A").update(email=agency_email)
    graph = catalogue(client)
    contact = graph.value(dataset_node(graph), DCAT.contactPoint)
    assert (contact, RDF.type, URIRef(f"{VCARD}Organization")) in graph
    assert graph.value(contact, URIRef(f"{VCARD}hasEmail")) == URIRef(f"mailto:{expected}")
    assert violations(graph) == []
    body = client.get("/data.json").json()
    assert body["dataset"][0]["contactPoint"]["hasEmail"] == f"mailto:{expected}"
    assert pod_errors(body) == []


def test_data_json_meets_project_open_data(client, home):
    translated_agency(home)
    make_dataset(home, temporal_start="2015-01-01", temporal_end="2022-06-30")
    make_dataset(home, identifier="agencies", title="機關名錄", tags=(), file_format="ODS",
                 filename="agencies.ods", content=b"PK", update_frequency="irregular")
    body = client.get("/data.json").json()
    assert pod_errors(body) == []
    entry = next(item for item in body["dataset"] if item["identifier"] == "consumer-figures")
    assert entry["publisher"]["name"] == "高雄市政府行政暨國際處"
    assert entry["contactPoint"]["hasEmail"] == "mailto:daia@kcg.gov.tw"
    assert entry["language"] == ["zh-TW"]
    assert entry["temporal"] == "2015-01-01/2022-06-30"
    assert entry["license"] == "https://data.gov.tw/license"


def test_the_pod_rules_catch_an_empty_email(client, home):
    make_dataset(home)
    body = client.get("/data.json").json()
    body["dataset"][0]["contactPoint"]["hasEmail"] = ""
    del body["dataset"][0]["keyword"]
    assert len(pod_errors(body)) == 2
