"""Helpers shared by the open-data tests."""

import json


def call(client, name, method="get", **params):
    if method == "post":
        return client.post(f"/api/3/action/{name}", json.dumps(params),
                           content_type="application/json")
    return client.get(f"/api/3/action/{name}", params)


# The keys CKAN 2.10 answers with and their JSON types (ckan/lib/dictization/model_dictize.py,
# filtered by ckan/logic/schema.py's show schemas); None where CKAN may give null.
TEXT, NULL = str, type(None)
CKAN_PACKAGE = {
    "author": (TEXT, NULL), "author_email": (TEXT, NULL), "creator_user_id": (TEXT, NULL),
    "extras": list, "groups": list, "id": TEXT, "isopen": bool, "license_id": (TEXT, NULL),
    "license_title": (TEXT, NULL), "license_url": TEXT, "maintainer": (TEXT, NULL),
    "maintainer_email": (TEXT, NULL), "metadata_created": TEXT, "metadata_modified": TEXT,
    "name": TEXT, "notes": (TEXT, NULL), "num_resources": int, "num_tags": int,
    "organization": (dict, NULL), "owner_org": (TEXT, NULL), "private": bool,
    "relationships_as_object": list, "relationships_as_subject": list, "resources": list,
    "state": TEXT, "tags": list, "title": TEXT, "type": TEXT, "url": (TEXT, NULL),
    "version": (TEXT, NULL),
}
CKAN_RESOURCE = {
    "cache_last_updated": (TEXT, NULL), "cache_url": (TEXT, NULL), "created": TEXT,
    "datastore_active": bool, "description": (TEXT, NULL), "format": TEXT,
    "hash": TEXT, "id": TEXT, "last_modified": (TEXT, NULL), "metadata_modified": (TEXT, NULL),
    "mimetype": (TEXT, NULL), "mimetype_inner": (TEXT, NULL), "name": (TEXT, NULL),
    "package_id": TEXT, "position": int, "resource_type": (TEXT, NULL), "size": (int, NULL),
    "state": TEXT, "url": TEXT, "url_type": (TEXT, NULL),
}
CKAN_TAG = {"display_name": TEXT, "id": TEXT, "name": TEXT, "vocabulary_id": (TEXT, NULL)}
CKAN_PACKAGE_TAG = {**CKAN_TAG, "state": TEXT}
CKAN_PACKAGE_GROUP = {"description": TEXT, "display_name": TEXT, "id": TEXT,
                      "image_display_url": TEXT, "name": TEXT, "title": TEXT}
CKAN_PACKAGE_ORGANIZATION = {
    "approval_status": TEXT, "created": TEXT, "description": TEXT, "id": TEXT,
    "image_url": TEXT, "is_organization": bool, "name": TEXT, "state": TEXT, "title": TEXT,
    "type": TEXT,
}
CKAN_ORGANIZATION_LISTED = {**CKAN_PACKAGE_ORGANIZATION, "display_name": TEXT, "groups": list,
                            "image_display_url": TEXT, "num_followers": int,
                            "package_count": int}
CKAN_ORGANIZATION = {**CKAN_ORGANIZATION_LISTED, "extras": list, "tags": list}


def assert_ckan_types(record, expected):
    """Every key CKAN gives is there, with CKAN's type."""
    missing = sorted(set(expected) - set(record))
    assert not missing, missing
    wrong = {key: record[key] for key, kind in expected.items()
             if not isinstance(record[key], kind)
             or (kind is int and isinstance(record[key], bool))}
    assert not wrong, wrong


def assert_ckan_package(package):
    assert_ckan_types(package, CKAN_PACKAGE)
    for resource in package["resources"]:
        assert_ckan_types(resource, CKAN_RESOURCE)
    for tag in package["tags"]:
        assert_ckan_types(tag, CKAN_PACKAGE_TAG)
    for group in package["groups"]:
        assert_ckan_types(group, CKAN_PACKAGE_GROUP)
    if package["organization"] is not None:
        assert_ckan_types(package["organization"], CKAN_PACKAGE_ORGANIZATION)
    assert package["num_resources"] == len(package["resources"])
    assert package["num_tags"] == len(package["tags"])
