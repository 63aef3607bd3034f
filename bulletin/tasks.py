from django.db import transaction
from django_tasks import task
from wagtail.models import ReferenceIndex

from .models import GazetteDocumentPage, GazetteIssuePage


@task()
def index_references(page_ids):
    """Record what imported pages refer to (agencies, types, corrections, files), which the
    admin's usage listings read. The importer defers this to a task so that a large back
    catalogue does not pay for it page by page."""
    for model in (GazetteIssuePage, GazetteDocumentPage):
        for page in model.objects.filter(pk__in=page_ids):
            with transaction.atomic():
                ReferenceIndex.create_or_update_for_object(page)

