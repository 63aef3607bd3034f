from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django_tasks import task
from modelcluster.models import get_all_child_relations
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


@task()
def record_references(page_ids):
    """What `index_references` records, in a few queries for the whole batch: the pages'
    references are read as Wagtail reads them, compared with the rows already recorded,
    and the difference written in bulk."""
    for model in (GazetteIssuePage, GazetteDocumentPage):
        pages = list(model.objects.filter(pk__in=page_ids).prefetch_related(
            *(relation.get_accessor_name() for relation in get_all_child_relations(model))))
        if pages:
            record_references_of(model, pages)


def record_references_of(model, pages):
    # As ReferenceIndex.create_or_update_for_object, for many objects of one model.
    content_types = [ContentType.objects.get_for_model(m, for_concrete_model=False)
                     for m in (model, *model._meta.get_parent_list())]
    content_type, base_content_type = content_types[0], content_types[-1]
    known = {ct.id for ct in content_types}
    existing = {}
    for row in ReferenceIndex.objects.filter(
            base_content_type=base_content_type,
            object_id__in=[page.pk for page in pages]).values_list(
                "id", "object_id", "content_type_id", "to_content_type_id", "to_object_id",
                "model_path", "content_path"):
        row_id, object_id, row_type, *reference = row
        existing.setdefault(str(object_id), {})[tuple(reference)] = (row_type, row_id)
    new_rows, stale = [], []
    for page in pages:
        references = set(ReferenceIndex._extract_references_from_object(page))
        recorded = existing.get(str(page.pk), {})
        for to_content_type_id, to_object_id, model_path, content_path in (
                references - set(recorded)):
            new_rows.append(ReferenceIndex(
                content_type=content_type, base_content_type=base_content_type,
                object_id=page.pk, to_content_type_id=to_content_type_id,
                to_object_id=to_object_id, model_path=model_path, content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path)))
        stale.extend(row_id for reference, (row_type, row_id) in recorded.items()
                     if reference not in references and row_type in known)
    options = {"ignore_conflicts": True} if connection.features.supports_ignore_conflicts else {}
    ReferenceIndex.objects.bulk_create(new_rows, **options)
    ReferenceIndex.objects.filter(id__in=stale).delete()
