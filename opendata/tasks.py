"""Scheduled work of the open-data catalogue (registered with portal/scheduler.py)."""

from django.utils import timezone
from django_tasks import task

from . import generators
from .models import DatasetResource


def refresh_live_resources(now=None):
    """Render every live generator's resource, so the first download finds it ready, and
    record its size, checksum and modification time as an uploaded file's are, for the
    catalogues (CKAN, DCAT, data.json) to show. Returns how many changed."""
    now = now or timezone.now()
    changed = 0
    resources = DatasetResource.objects.filter(page__live=True).exclude(generator="")
    for resource in resources.only("pk", "generator", "format", "sha256"):
        if generators.get(resource.generator) is None:
            continue
        rendered = generators.render(resource.generator, resource.format)
        changed += resource.record_generated(rendered, now)
    return changed


@task()
def regenerate_live_datasets():
    return refresh_live_resources()
