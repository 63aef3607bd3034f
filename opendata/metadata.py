"""Dataset metadata as plain dicts, in the shapes CKAN, DCAT and Data Package share.

The CKAN dicts carry every key CKAN 2.10's package_show, resource_show and
organization_show answer with (ckan/lib/dictization/model_dictize.py, filtered by
ckan/logic/schema.py's show schemas), with CKAN's types, and null where the portal has no
such value."""

import uuid

from django.conf import settings
from django.db.models import Count, Min
from django.urls import reverse
from wagtail.models import Locale

from portal import agencies
from portal.dates import iso8601
from portal.i18n import default_language
from portal.models import Agency

from . import conf
from .models import (
    CATEGORIES,
    FORMAT_TERMS,
    FREQUENCY_TERMS,
    LICENCE_NAME,
    LICENCE_NAME_EN,
    LICENCE_URL,
    DatasetPage,
    DatasetResource,
    DatasetTag,
    facet_counts,
)

LICENCE_ID = "OGDL-Taiwan-1.0"
LICENCE = {"id": LICENCE_ID, "title": LICENCE_NAME, "url": LICENCE_URL,
           "od_conformance": "approved", "status": "active"}
# Tag ids derive from the tag's name, so that one tag keeps one id across datasets and time.
TAG_NAMESPACE = uuid.UUID("6f1d3c52-4e7b-5a0e-9c35-5e2b8a8f17c1")

# The controlled vocabularies DCAT-AP 3 names: the EU authority tables and IANA's media types.
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
# The language tags of the portal's text (BCP 47) and their EU language authority codes.
LANGUAGE_TAGS = {"zh": "zh-Hant", "en": "en"}
EU_LANGUAGES = {"zh": "ZHO", "en": "ENG"}
# The tables of models.py by the portal's value, read once per distribution and dataset.
_FREQUENCIES = {value: (eu_code, interval) for value, _label, eu_code, interval
                in FREQUENCY_TERMS}
_FILE_TYPES = {value: eu_code for value, _media_type, eu_code in FORMAT_TERMS}


def eu_scheme(table):
    return f"{EU_AUTHORITY}{table}"


def frequency(value):
    """(EU frequency IRI, Project Open Data interval) of a 更新頻率 value; (None, None) for
    a value the table does not know."""
    if value not in _FREQUENCIES:
        return None, None
    eu_code, interval = _FREQUENCIES[value]
    return f"{EU_AUTHORITY}frequency/{eu_code}", interval


def file_type(value):
    """The EU file-type IRI of a resource format, or None."""
    return f"{EU_AUTHORITY}file-type/{_FILE_TYPES[value]}" if value in _FILE_TYPES else None


def media_type_iri(media_type):
    return f"{IANA_MEDIA_TYPES}{media_type}"


def language(code):
    """(EU language IRI, BCP 47 tag) of a dataset's language field such as "zh-TW";
    (None, None) for a language the portal does not publish in."""
    primary = code.split("-")[0].lower()
    if primary not in EU_LANGUAGES:
        return None, None
    return f"{EU_AUTHORITY}language/{EU_LANGUAGES[primary]}", code


def names(translation_key, fallback):
    """{language tag: name} of an agency in the portal's languages."""
    result = {LANGUAGE_TAGS["zh"]: agencies.names_in(default_language()).get(
        translation_key, fallback)}
    english = agencies.names_in("en").get(translation_key)
    if english:
        result[LANGUAGE_TAGS["en"]] = english
    return result


def licence(page):
    """The dataset's licence: URL and titles by language tag. The data.gov.tw licence has its
    English title too; another licence typed into the page keeps the title it was given."""
    titles = {LANGUAGE_TAGS["zh"]: page.licence_name or page.licence_url}
    if page.licence_url == LICENCE_URL:
        titles[LANGUAGE_TAGS["en"]] = LICENCE_NAME_EN
    return {"url": page.licence_url, "titles": titles}


def agent(request, agency):
    """A publishing agency: {"iri", "names": {tag: name}, "email"}; the IRI is its CKAN
    organisation."""
    return {
        "iri": request.build_absolute_uri(
            f"{reverse('ckan-action', args=['organization_show'])}?id={agency.code.lower()}"),
        "names": names(str(agency.translation_key), agency.name),
        "email": agency.email,
    }


def catalogue_publisher(request):
    """The agency that publishes the catalogue (conf.publisher_code()); the site's name at
    the site's address when the portal has no such agency."""
    agency = Agency.objects.filter(code=conf.publisher_code(),
                                   locale__language_code=default_language()).first()
    if agency is not None:
        return agent(request, agency)
    return {"iri": request.build_absolute_uri("/"),
            "names": {LANGUAGE_TAGS["zh"]: settings.WAGTAIL_SITE_NAME}, "email": ""}


def contact_point(page, catalogue_publisher):
    """The dataset's contact: name and an e-mail address that is never empty (the dataset's,
    else its agency's, else the department's that publishes the catalogue, else the
    catalogue's own)."""
    agency_name = agencies.display_name(page.agency) if page.agency else ""
    email = (page.contact_email or (page.agency.email if page.agency else "")
             or catalogue_publisher["email"] or conf.contact_email())
    name = (page.contact_name or agency_name
            or catalogue_publisher["names"][LANGUAGE_TAGS["zh"]])
    return {"name": name, "email": email}


def datasets():
    """The published catalogue: live, public datasets in the default language."""
    return DatasetPage.objects.live().public().filter(locale=Locale.get_default())


def with_details(queryset):
    return queryset.select_related("agency").prefetch_related(
        "resources", "data_fields", "tagged_items__tag")


def resource_url(request, resource):
    return request.build_absolute_uri(reverse("opendata-download", args=[resource.pk]))


def resource_dict(request, resource, package_id):
    return {
        "id": str(resource.pk),
        "package_id": package_id,
        "name": resource.title,
        "description": "",
        "format": resource.format,
        "mimetype": resource.mime_type,
        "mimetype_inner": None,
        "resource_type": None,
        "url": resource_url(request, resource),
        "size": resource.size,
        "hash": f"sha256:{resource.sha256}" if resource.sha256 else "",
        "last_modified": iso8601(resource.file_modified),
        "created": iso8601(resource.file_modified),
        "metadata_modified": iso8601(resource.file_modified),
        "cache_url": None,
        "cache_last_updated": None,
        "position": resource.sort_order,
        "encoding": resource.encoding,
        "live_generator": resource.generator or None,
        "downloads": resource.download_count,
        "state": "active",
        "url_type": None,
        "datastore_active": False,
    }


def organization_dict(agency, created=None):
    """One organisation per agency (its code), named in the request's language, whichever
    translation's row the dataset refers to. An agency has no record of its own creation:
    `created` is when it first published a dataset, if the caller knows."""
    name = agencies.display_name(agency)
    return {"id": agency.code.lower(), "name": agency.code.lower(), "title": name,
            "display_name": name, "description": "", "type": "organization",
            "is_organization": True, "approval_status": "approved", "state": "active",
            "image_url": "", "created": iso8601(created) if created else None}


def group_dict(value, label, count=None):
    group = {"id": value, "name": value, "title": str(label), "display_name": str(label),
             "description": "", "type": "group", "is_organization": False,
             "approval_status": "approved", "state": "active", "image_url": "",
             "image_display_url": ""}
    if count is not None:
        group["package_count"] = count
    return group


def tag_dict(name):
    return {"id": str(uuid.uuid5(TAG_NAMESPACE, name)), "name": name, "display_name": name,
            "vocabulary_id": None}


def package_dicts(request, pages):
    ids = [page.pk for page in pages]
    detailed = {page.pk: page for page in with_details(DatasetPage.objects.filter(pk__in=ids))}
    categories = dict(CATEGORIES)
    agency_facts = _agency_facts(page.agency.code for page in detailed.values() if page.agency)
    result = []
    for page in (detailed[pk] for pk in ids):
        package_id = str(page.translation_key)
        tags = sorted(item.tag.name for item in page.tagged_items.all())
        resources = [resource_dict(request, resource, package_id)
                     for resource in page.resources.all()]
        result.append({
            "id": package_id,
            "name": page.identifier,
            "title": page.title,
            "notes": page.description,
            "url": page.get_full_url(request),
            "type": "dataset",
            "state": "active",
            "private": False,
            "version": None,
            "author": agencies.display_name(page.agency),
            "author_email": None,
            "maintainer": page.contact_name,
            "maintainer_email": page.contact_email,
            "license_id": LICENCE_ID,
            "license_title": page.licence_name,
            "license_url": page.licence_url,
            "isopen": True,
            "creator_user_id": None,
            "metadata_created": iso8601(page.first_published_at),
            "metadata_modified": iso8601(page.last_published_at),
            "organization": organization_dict(
                page.agency, agency_facts[page.agency.code]["created"]) if page.agency else None,
            "owner_org": page.agency.code.lower() if page.agency else None,
            "groups": [group_dict(page.category, categories.get(page.category, page.category))],
            "tags": [{**tag_dict(tag), "state": "active"} for tag in tags],
            "num_tags": len(tags),
            "resources": resources,
            "num_resources": len(resources),
            "relationships_as_subject": [],
            "relationships_as_object": [],
            "extras": [
                {"key": key, "value": str(value)} for key, value in (
                    ("title_en", page.title_en),
                    ("update_frequency", page.update_frequency),
                    # dct:accrualPeriodicity under ckanext-dcat's name for it
                    ("frequency", frequency(page.update_frequency)[0]),
                    ("temporal_start", iso8601(page.temporal_start) or ""),
                    ("temporal_end", iso8601(page.temporal_end) or ""),
                    ("spatial", page.spatial),
                    ("language", page.language),
                    ("issued", iso8601(page.issued)),
                    ("modified", iso8601(page.modified)),
                    ("contact_phone", page.contact_phone),
                    ("notes", page.notes),
                ) if value
            ],
        })
    return result


def _agency_facts(codes=None):
    """{agency code: {"created", "n"}}: when each agency first published a dataset still in
    the catalogue, and how many it publishes (translations of an agency share its code)."""
    published = datasets().exclude(agency=None)
    if codes is not None:
        published = published.filter(agency__code__in=set(codes))
    return {row["agency__code"]: row for row in published.values("agency__code").annotate(
        n=Count("pk"), created=Min("first_published_at")).order_by()}


def organizations():
    """The agencies that publish datasets, as CKAN's organization_list all_fields gives
    them (organization_show without tags, extras, sub-groups or followers)."""
    facts = _agency_facts()
    seen = {}
    for page in datasets().exclude(agency=None).select_related("agency").order_by("agency__code"):
        if page.agency.code not in seen:
            row = facts[page.agency.code]
            seen[page.agency.code] = {**organization_dict(page.agency, row["created"]),
                                      "image_display_url": "", "package_count": row["n"],
                                      "groups": [], "num_followers": 0}
    return list(seen.values())


def organization_datasets(organization_id):
    """The datasets of one organisation (its id is the agency code, lower case)."""
    return datasets().filter(agency__code__iexact=organization_id)


def groups():
    categories = dict(CATEGORIES)
    return [group_dict(row["category"], categories.get(row["category"], row["category"]),
                       row["n"])
            for row in datasets().values("category").annotate(n=Count("pk")).order_by("category")]


def tag_names():
    return list(DatasetTag.objects.filter(content_object__in=datasets()).order_by("tag__name")
                .values_list("tag__name", flat=True).distinct())


def resource(request, resource_id):
    found = DatasetResource.objects.filter(pk=resource_id, page__in=datasets()).select_related(
        "page").first()
    if found is None:
        return None
    return resource_dict(request, found, str(found.page.translation_key))


def ckan_facets(matching, fields):
    """CKAN facet items {"name", "display_name", "count"} for the requested fields."""
    if not fields:
        return {}
    counts, _total = facet_counts(matching)
    source = {"organization": "agency", "groups": "category", "tags": "tag",
              "res_format": "format"}
    facets = {}
    for name in fields:
        if name == "license_id":
            facets[name] = [{"name": LICENCE_ID, "display_name": LICENCE_NAME,
                             "count": matching.count()}]
            continue
        facets[name] = [
            {"name": value.lower() if name == "organization" else value,
             "display_name": str(label), "count": count}
            for value, label, count in counts[source[name]]
        ]
    return facets
