import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import ReferenceIndex

from portal.caching import bump_content_version

from .models import GazetteDocumentPage, GazetteIssuePage, drafts_for_comment, index_counts


@task()
def index_references(page_ids):
    """Record what imported pages refer to (agencies, types, corrections, files), which the
    admin's usage listings read. The importer defers this to a task so that a large back
    catalogue does not pay for it page by page."""
    for model in (GazetteIssuePage, GazetteDocumentPage):
        for page in model.objects.filter(pk__in=page_ids):
            with transaction.atomic():
                ReferenceIndex.create_or_update_for_object(page)


@task()
def refresh_index_counts():
    """Count the gazette index's documents again after a change (GazetteIndexCounts), off
    the editor's request where the tasks have workers. Each change queues it on commit; a
    burst (an issue's documents published with it, each in its own commit) queues one a
    document, and those run after the first has counted find the counts fresh: one query."""
    index_counts()


@task()
def refresh_consultation_pages():
    """At midnight, Taipei time, every open draft has a day less left and those whose
    deadline was yesterday close: the pages kept with the old count or the comment button
    (the drafts' pages, their list, feed and calendar, the home page) are dropped."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    if drafts_for_comment().filter(comment_deadline__gte=yesterday).exists():
        bump_content_version()
