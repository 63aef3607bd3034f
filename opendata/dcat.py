"""DCAT-AP catalogue (JSON-LD, Turtle, RDF/XML), DCAT-US 1.1 data.json, and Data Packages."""

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from portal.i18n import default_language

from . import metadata
from .models import CATEGORIES

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SERIALISATIONS = {
    "jsonld": ("json-ld", "application/ld+json"),
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("xml", "application/rdf+xml"),
}
TEXT_FORMATS = {"CSV", "JSON", "XML"}
TABLE_TYPES = {"string": "string", "integer": "integer", "number": "number", "date": "date",
               "year": "year", "boolean": "boolean"}
ZH, EN = metadata.LANGUAGE_TAGS["zh"], metadata.LANGUAGE_TAGS["en"]
CATALOGUE_TITLES = {ZH: "高雄市政府行政暨國際處開放資料",
                    EN: "Open data of the Department of Administration and International "
                        "Affairs, Kaohsiung City Government"}
CATALOGUE_DESCRIPTIONS = {ZH: "高雄市政府行政暨國際處發布的開放資料集",
                          EN: "Datasets published by the Department of Administration and "
                              "International Affairs, Kaohsiung City Government"}
THEME_SCHEME_TITLES = {ZH: "政府資料開放平臺服務分類", EN: "data.gov.tw service categories"}


def _texts(graph, node, predicate, texts):
    for tag, text in texts.items():
        graph.add((node, predicate, Literal(text, lang=tag)))


def _term(graph, iri, rdf_class, scheme):
    """A term of a controlled vocabulary, typed as DCAT-AP's range and placed in its
    scheme, so that a validator without the vocabulary loaded can check it."""
    node = URIRef(iri)
    graph.add((node, RDF.type, rdf_class))
    graph.add((node, SKOS.inScheme, URIRef(scheme)))
    return node


def _agent(graph, agent):
    node = URIRef(agent["iri"])
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, RDF.type, FOAF.Organization))
    _texts(graph, node, FOAF.name, agent["names"])
    return node


def _licence(graph, licence):
    node = URIRef(licence["url"])
    graph.add((node, RDF.type, DCTERMS.LicenseDocument))
    _texts(graph, node, DCTERMS.title, licence["titles"])
    return node


def _language(graph, code):
    iri, _tag = metadata.language(code)
    return _term(graph, iri, DCTERMS.LinguisticSystem, metadata.eu_scheme("language")) \
        if iri else None


def _themes(graph, request, scheme):
    """The service categories as a SKOS concept scheme: {category: concept}."""
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    _texts(graph, scheme, DCTERMS.title, THEME_SCHEME_TITLES)
    concepts = {}
    for value, label in CATEGORIES:
        concept = URIRef(request.build_absolute_uri(
            f"{reverse('ckan-action', args=['group_show'])}?id={value}"))
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        for language_code, tag in ((default_language(), ZH), ("en", EN)):
            with translation.override(language_code):
                graph.add((concept, SKOS.prefLabel, Literal(str(label), lang=tag)))
        concepts[value] = concept
    return concepts


def _contact(graph, contact):
    node = BNode()
    graph.add((node, RDF.type, VCARD.Kind))
    graph.add((node, RDF.type, VCARD.Organization))
    graph.add((node, VCARD.fn, Literal(contact["name"])))
    graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{contact['email']}")))
    return node


def _catalogue_entries(request):
    """The catalogue's publisher, and (page, its CKAN package dict, its publisher) for every
    published dataset."""
    pages = list(metadata.datasets().select_related("agency").order_by("path"))
    publisher = metadata.catalogue_publisher(request)
    agents = {}
    for page in pages:
        if page.agency and page.agency.pk not in agents:
            agents[page.agency.pk] = metadata.agent(request, page.agency)
    return publisher, [
        (page, package, agents[page.agency.pk] if page.agency else publisher)
        for page, package in zip(pages, metadata.package_dicts(request, pages), strict=True)
    ]


def catalogue_graph(request):
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF),
                              ("vcard", VCARD), ("skos", SKOS)):
        graph.bind(prefix, namespace)
    publisher, entries = _catalogue_entries(request)
    catalogue = URIRef(request.build_absolute_uri(reverse("dcat-catalogue", args=["ttl"])))
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    _texts(graph, catalogue, DCTERMS.title, CATALOGUE_TITLES)
    _texts(graph, catalogue, DCTERMS.description, CATALOGUE_DESCRIPTIONS)
    homepage = URIRef(request.build_absolute_uri("/data/"))
    graph.add((catalogue, FOAF.homepage, homepage))
    graph.add((homepage, RDF.type, FOAF.Document))
    graph.add((catalogue, DCTERMS.publisher, _agent(graph, publisher)))
    for code in ("zh-TW", "en"):
        graph.add((catalogue, DCTERMS.language, _language(graph, code)))
    scheme = URIRef(f"{catalogue}#service-categories")
    graph.add((catalogue, DCAT.themeTaxonomy, scheme))
    themes = _themes(graph, request, scheme)
    if entries:
        graph.add((catalogue, DCTERMS.modified, Literal(
            max(page.modified for page, _package, _agent in entries), datatype=XSD.date)))
    for page, package, agent in entries:
        graph.add((catalogue, DCAT.dataset, _dataset(graph, page, package, agent, themes,
                                                     metadata.contact_point(page, publisher))))
    return graph


def _dataset(graph, page, package, agent, themes, contact):
    dataset = URIRef(package["url"])
    extras = {extra["key"]: extra["value"] for extra in package["extras"]}
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.identifier, Literal(package["name"])))
    graph.add((dataset, DCTERMS.title, Literal(package["title"], lang=ZH)))
    if extras.get("title_en"):
        graph.add((dataset, DCTERMS.title, Literal(extras["title_en"], lang=EN)))
    graph.add((dataset, DCTERMS.description, Literal(package["notes"], lang=ZH)))
    licence = _licence(graph, metadata.licence(page))
    graph.add((dataset, DCTERMS.license, licence))
    language = _language(graph, page.language)
    if language is not None:
        graph.add((dataset, DCTERMS.language, language))
    frequency, _interval = metadata.frequency(page.update_frequency)
    if frequency:
        graph.add((dataset, DCTERMS.accrualPeriodicity, _term(
            graph, frequency, DCTERMS.Frequency, metadata.eu_scheme("frequency"))))
    if extras.get("modified"):
        graph.add((dataset, DCTERMS.modified, Literal(extras["modified"], datatype=XSD.date)))
    if extras.get("issued"):
        graph.add((dataset, DCTERMS.issued, Literal(extras["issued"], datatype=XSD.date)))
    if page.temporal_start or page.temporal_end:
        period = BNode()
        graph.add((dataset, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        for predicate, day in ((DCAT.startDate, page.temporal_start),
                               (DCAT.endDate, page.temporal_end)):
            if day:
                graph.add((period, predicate, Literal(day.isoformat(), datatype=XSD.date)))
    graph.add((dataset, DCTERMS.publisher, _agent(graph, agent)))
    graph.add((dataset, DCAT.contactPoint, _contact(graph, contact)))
    for tag in package["tags"]:
        graph.add((dataset, DCAT.keyword, Literal(tag["name"], lang=ZH)))
    if page.category in themes:
        graph.add((dataset, DCAT.theme, themes[page.category]))
    for resource in package["resources"]:
        graph.add((dataset, DCAT.distribution, _distribution(graph, resource, licence)))
    return dataset


def _distribution(graph, resource, licence):
    distribution = URIRef(resource["url"])
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCTERMS.title, Literal(resource["name"], lang=ZH)))
    graph.add((distribution, DCAT.downloadURL, distribution))
    graph.add((distribution, DCAT.accessURL, distribution))
    media_type = URIRef(metadata.media_type_iri(resource["mimetype"]))
    graph.add((media_type, RDF.type, DCTERMS.MediaType))
    graph.add((distribution, DCAT.mediaType, media_type))
    file_type = metadata.file_type(resource["format"])
    if file_type:
        graph.add((distribution, DCTERMS.format, _term(
            graph, file_type, DCTERMS.MediaTypeOrExtent, metadata.eu_scheme("file-type"))))
    graph.add((distribution, DCTERMS.license, licence))
    if resource["last_modified"]:
        graph.add((distribution, DCTERMS.modified,
                   Literal(resource["last_modified"], datatype=XSD.dateTime)))
    if resource["size"] is not None:
        graph.add((distribution, DCAT.byteSize,
                   Literal(resource["size"], datatype=XSD.nonNegativeInteger)))
    return distribution


@require_safe
def catalogue(request, extension):
    if extension not in SERIALISATIONS:
        raise Http404("unknown catalogue format")
    rdf_format, content_type = SERIALISATIONS[extension]
    body = catalogue_graph(request).serialize(format=rdf_format)
    return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")


@require_safe
def data_json(request):
    """Project Open Data metadata schema 1.1 (DCAT-US), from the same metadata and mappings
    as the DCAT-AP catalogue."""
    publisher, entries = _catalogue_entries(request)
    return JsonResponse({
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": request.build_absolute_uri(reverse("dcat-us")),
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": [_pod_dataset(page, package, agent, metadata.contact_point(page, publisher))
                    for page, package, agent in entries],
    }, json_dumps_params={"ensure_ascii": False})


def _pod_dataset(page, package, agent, contact):
    extras = {extra["key"]: extra["value"] for extra in package["extras"]}
    entry = {
        "@type": "dcat:Dataset",
        "title": package["title"],
        "description": package["notes"],
        "keyword": [tag["name"] for tag in package["tags"]] or [package["title"]],
        "modified": extras.get("modified") or package["metadata_modified"],
        "publisher": {"@type": "org:Organization", "name": agent["names"][ZH]},
        "contactPoint": {"@type": "vcard:Contact", "fn": contact["name"],
                         "hasEmail": f"mailto:{contact['email']}"},
        "identifier": package["name"],
        "accessLevel": "public",
        "license": package["license_url"],
        "landingPage": package["url"],
        "theme": [group["title"] for group in package["groups"]],
        "distribution": [
            {"@type": "dcat:Distribution", "title": resource["name"],
             "downloadURL": resource["url"], "mediaType": resource["mimetype"],
             "format": resource["format"]}
            for resource in package["resources"]
        ],
    }
    _iri, language = metadata.language(page.language)
    if language:
        entry["language"] = [language]
    _frequency, interval = metadata.frequency(page.update_frequency)
    if interval:
        entry["accrualPeriodicity"] = interval
    if extras.get("temporal_start") and extras.get("temporal_end"):
        entry["temporal"] = f"{extras['temporal_start']}/{extras['temporal_end']}"
    if extras.get("spatial"):
        entry["spatial"] = extras["spatial"]
    if extras.get("issued"):
        entry["issued"] = extras["issued"]
    return entry


def datapackage_dict(request, page):
    schema = {"fields": [
        {"name": field.name, "type": TABLE_TYPES[field.type], "description": field.description}
        for field in page.data_fields.all()
    ]}
    resources = []
    for resource in page.resources.all():
        entry = {
            "name": f"{page.identifier}-{resource.pk}",
            "title": resource.title,
            "path": metadata.resource_url(request, resource),
            "format": resource.extension,
            "mediatype": resource.mime_type,
            "encoding": resource.encoding.lower(),
        }
        # frictionless reads spreadsheets through a parser that reports no byte stream, so
        # integrity facts are given for text formats only, where they can be checked.
        if resource.format in TEXT_FORMATS and resource.size is not None:
            entry["bytes"] = resource.size
        if resource.format in TEXT_FORMATS and resource.sha256:
            entry["hash"] = f"sha256:{resource.sha256}"
        if resource.format in ("CSV", "ODS") and schema["fields"]:
            entry["profile"] = "tabular-data-resource"
            entry["schema"] = schema
        resources.append(entry)
    return {
        "name": page.identifier,
        "title": page.title,
        "description": page.description,
        "homepage": page.get_full_url(request),
        "licenses": [{"name": metadata.LICENCE_ID, "title": page.licence_name,
                      "path": page.licence_url}],
        "keywords": sorted(item.tag.name for item in page.tagged_items.all()),
        "resources": resources,
    }


@require_safe
def datapackage(request, identifier):
    page = metadata.with_details(metadata.datasets()).filter(identifier=identifier).first()
    if page is None:
        raise Http404("no such dataset")
    return JsonResponse(datapackage_dict(request, page), json_dumps_params={"ensure_ascii": False})
