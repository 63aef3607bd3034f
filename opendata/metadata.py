"""Dataset metadata as plain dicts, in the shapes CKAN, DCAT and Data Package share.

The CKAN dicts carry every key CKAN 2.10's package_show, resource_show and
organization_show answer with (ckan/lib/dictization/model_dictize.py, filtered by
ckan/logic/schema.py's show schemas), with CKAN's types, and null where the portal has no
such value."""

import uuid

from django.db.models import Count, Min
from django.urls import reverse
from wagtail.models import Locale

from portal import agencies
from portal.dates import iso8601

from .models import (
    CATEGORIES,
    LICENCE_NAME,
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


def tags_with_datasets(names):
    """The datasets holding any of the tags named."""
    return datasets().filter(tagged_items__tag__name__in=names)


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
    counts = facet_counts(matching)
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
