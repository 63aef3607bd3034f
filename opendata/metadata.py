"""Dataset metadata as plain dicts, in the shapes CKAN, DCAT and Data Package share."""

from django.db.models import Count
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
        "url": resource_url(request, resource),
        "size": resource.size,
        "hash": f"sha256:{resource.sha256}" if resource.sha256 else "",
        "last_modified": iso8601(resource.file_modified),
        "created": iso8601(resource.file_modified),
        "position": resource.sort_order,
        "encoding": resource.encoding,
        "live_generator": resource.generator or None,
        "downloads": resource.download_count,
        "state": "active",
        "url_type": None,
    }


def organization_dict(agency):
    """One organisation per agency (its code), named in the request's language, whichever
    translation's row the dataset refers to."""
    name = agencies.display_name(agency)
    return {"id": agency.code.lower(), "name": agency.code.lower(), "title": name,
            "display_name": name, "description": "", "type": "organization",
            "is_organization": True, "state": "active", "image_url": ""}


def group_dict(value, label, count=None):
    group = {"id": value, "name": value, "title": str(label), "display_name": str(label),
             "description": "", "type": "group", "is_organization": False, "state": "active"}
    if count is not None:
        group["package_count"] = count
    return group


def package_dicts(request, pages):
    ids = [page.pk for page in pages]
    detailed = {page.pk: page for page in with_details(DatasetPage.objects.filter(pk__in=ids))}
    categories = dict(CATEGORIES)
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
            "author": agencies.display_name(page.agency),
            "maintainer": page.contact_name,
            "maintainer_email": page.contact_email,
            "license_id": LICENCE_ID,
            "license_title": page.licence_name,
            "license_url": page.licence_url,
            "metadata_created": iso8601(page.first_published_at),
            "metadata_modified": iso8601(page.last_published_at),
            "organization": organization_dict(page.agency) if page.agency else None,
            "owner_org": page.agency.code.lower() if page.agency else None,
            "groups": [group_dict(page.category, categories.get(page.category, page.category))],
            "tags": [{"name": tag, "display_name": tag, "state": "active"} for tag in tags],
            "num_tags": len(tags),
            "resources": resources,
            "num_resources": len(resources),
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


def organizations():
    seen = {}
    for page in datasets().exclude(agency=None).select_related("agency").order_by("agency__code"):
        seen.setdefault(page.agency.code, organization_dict(page.agency))
    return list(seen.values())


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
