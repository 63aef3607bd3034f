"""DCAT-AP catalogue (JSON-LD, Turtle, RDF/XML), DCAT-US 1.1 data.json, and Data Packages."""

from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from . import metadata

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SERIALISATIONS = {
    "jsonld": ("json-ld", "application/ld+json"),
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("xml", "application/rdf+xml"),
}
TEXT_FORMATS = {"CSV", "JSON", "XML"}
TABLE_TYPES = {"string": "string", "integer": "integer", "number": "number", "date": "date",
               "year": "year", "boolean": "boolean"}


def catalogue_graph(request):
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    catalogue = URIRef(request.build_absolute_uri("/data/catalog.ttl"))
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.title, Literal("高雄市政府行政暨國際處開放資料", lang="zh-TW")))
    graph.add((catalogue, DCTERMS.description,
               Literal("高雄市政府行政暨國際處發布的開放資料集", lang="zh-TW")))
    graph.add((catalogue, FOAF.homepage, URIRef(request.build_absolute_uri("/data/"))))
    for package in metadata.package_dicts(request, list(metadata.datasets().order_by("path"))):
        dataset = URIRef(package["url"])
        graph.add((catalogue, DCAT.dataset, dataset))
        graph.add((dataset, RDF.type, DCAT.Dataset))
        graph.add((dataset, DCTERMS.identifier, Literal(package["name"])))
        graph.add((dataset, DCTERMS.title, Literal(package["title"], lang="zh-TW")))
        extras = {extra["key"]: extra["value"] for extra in package["extras"]}
        if extras.get("title_en"):
            graph.add((dataset, DCTERMS.title, Literal(extras["title_en"], lang="en")))
        graph.add((dataset, DCTERMS.description, Literal(package["notes"], lang="zh-TW")))
        graph.add((dataset, DCTERMS.license, URIRef(package["license_url"])))
        graph.add((dataset, DCTERMS.language, Literal(extras.get("language", "zh-TW"))))
        if extras.get("modified"):
            graph.add((dataset, DCTERMS.modified, Literal(extras["modified"], datatype=XSD.date)))
        if extras.get("issued"):
            graph.add((dataset, DCTERMS.issued, Literal(extras["issued"], datatype=XSD.date)))
        if package["organization"]:
            publisher = URIRef(request.build_absolute_uri(
                f"/api/3/action/organization_show?id={package['organization']['name']}"))
            graph.add((dataset, DCTERMS.publisher, publisher))
            graph.add((publisher, RDF.type, FOAF.Organization))
            graph.add((publisher, FOAF.name, Literal(package["organization"]["title"])))
        if package["maintainer"] or package["maintainer_email"]:
            contact = BNode()
            graph.add((dataset, DCAT.contactPoint, contact))
            graph.add((contact, RDF.type, VCARD.Kind))
            graph.add((contact, VCARD.fn, Literal(package["maintainer"] or package["author"])))
            if package["maintainer_email"]:
                graph.add((contact, VCARD.hasEmail,
                           URIRef(f"mailto:{package['maintainer_email']}")))
        for tag in package["tags"]:
            graph.add((dataset, DCAT.keyword, Literal(tag["name"], lang="zh-TW")))
        for group in package["groups"]:
            graph.add((dataset, DCAT.theme, URIRef(request.build_absolute_uri(
                f"/api/3/action/group_show?id={group['name']}"))))
        for resource in package["resources"]:
            distribution = URIRef(resource["url"])
            graph.add((dataset, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            graph.add((distribution, DCTERMS.title, Literal(resource["name"], lang="zh-TW")))
            graph.add((distribution, DCAT.downloadURL, distribution))
            graph.add((distribution, DCAT.accessURL, distribution))
            graph.add((distribution, DCAT.mediaType, URIRef(
                f"https://www.iana.org/assignments/media-types/{resource['mimetype']}")))
            graph.add((distribution, DCTERMS.format, Literal(resource["format"])))
            graph.add((distribution, DCTERMS.license, URIRef(package["license_url"])))
            if resource["size"] is not None:
                graph.add((distribution, DCAT.byteSize,
                           Literal(resource["size"], datatype=XSD.nonNegativeInteger)))
    return graph


@require_safe
def catalogue(request, extension):
    if extension not in SERIALISATIONS:
        raise Http404("unknown catalogue format")
    rdf_format, content_type = SERIALISATIONS[extension]
    body = catalogue_graph(request).serialize(format=rdf_format)
    return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")


@require_safe
def data_json(request):
    """DCAT-US / Project Open Data metadata schema 1.1."""
    entries = []
    for package in metadata.package_dicts(request, list(metadata.datasets().order_by("path"))):
        extras = {extra["key"]: extra["value"] for extra in package["extras"]}
        entry = {
            "@type": "dcat:Dataset",
            "title": package["title"],
            "description": package["notes"],
            "keyword": [tag["name"] for tag in package["tags"]] or [package["title"]],
            "modified": extras.get("modified") or package["metadata_modified"],
            "publisher": {"@type": "org:Organization",
                          "name": (package["organization"] or {}).get("title", "")},
            "contactPoint": {"@type": "vcard:Contact",
                             "fn": package["maintainer"] or package["author"],
                             "hasEmail": f"mailto:{package['maintainer_email']}"
                             if package["maintainer_email"] else ""},
            "identifier": package["name"],
            "accessLevel": "public",
            "license": package["license_url"],
            "landingPage": package["url"],
            "language": [extras.get("language", "zh-TW")],
            "theme": [group["title"] for group in package["groups"]],
            "distribution": [
                {"@type": "dcat:Distribution", "title": resource["name"],
                 "downloadURL": resource["url"], "mediaType": resource["mimetype"],
                 "format": resource["format"]}
                for resource in package["resources"]
            ],
        }
        if extras.get("temporal_start") and extras.get("temporal_end"):
            entry["temporal"] = f"{extras['temporal_start']}/{extras['temporal_end']}"
        if extras.get("spatial"):
            entry["spatial"] = extras["spatial"]
        if extras.get("issued"):
            entry["issued"] = extras["issued"]
        entries.append(entry)
    return JsonResponse({
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": entries,
    }, json_dumps_params={"ensure_ascii": False})


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
