"""An issue takes its documents live with it, at its scheduled time or a reviewer's
approval, and takes them down with it; any change to the gazette's pages or types renews
its counts (note_change)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import tasks
from .conditions import forget_counts
from .models import (
    DocumentType,
    GazetteDocumentPage,
    GazetteIssuePage,
    mark_index_counts_stale,
)

logger = logging.getLogger(__name__)


def note_change():
    """What the gazette shows may have changed: the filtered searches' kept counts are
    dropped, and the index's own (GazetteIndexCounts) marked stale in the change's
    transaction, then counted again by a task once it commits. A change made around the
    signals below (the importer, a raw update()) calls this itself."""
    forget_counts()
    mark_index_counts_stale()
    transaction.on_commit(tasks.refresh_index_counts.enqueue, robust=True)


@receiver(pre_save, sender=GazetteIssuePage)
def note_whether_the_issue_was_live(sender, instance, **kwargs):
    instance._was_live = bool(instance.pk) and GazetteIssuePage.objects.filter(
        pk=instance.pk, live=True).exists()


@receiver(page_published, sender=GazetteIssuePage)
def publish_documents_with_issue(sender, instance, **kwargs):
    if getattr(instance, "_was_live", False):
        # A live issue published again (a correction) has no documents waiting for it: one
        # that is not live was withdrawn, or is a draft, and stays so.
        return
    waiting = GazetteDocumentPage.objects.child_of(instance).not_live().filter(
        latest_revision__isnull=False)
    for document in waiting:
        revision = document.get_latest_revision()
        try:
            revision.as_object().full_clean()
        except ValidationError as error:
            # Drafts may be saved incomplete. Such a document stays a draft rather than fail
            # its issue's publication (a reviewer's approval, or the scheduled run).
            logger.warning("Gazette document %s stays a draft: %s", document.pk,
                           "; ".join(error.messages))
            continue
        revision.publish()


def hold(document):
    """Unpublishes a document until its issue's next publication takes it live again; its
    content stays as a revision (imported pages have none until then)."""
    if document.latest_revision_id is None:
        document.save_revision(clean=False, log_action=False)
    document.unpublish()


@receiver(page_unpublished, sender=GazetteIssuePage)
def unpublish_documents_with_issue(sender, instance, **kwargs):
    for document in GazetteDocumentPage.objects.child_of(instance).live():
        hold(document)


@receiver(post_page_move, sender=GazetteDocumentPage)
def follow_new_issue(sender, instance, parent_page_after, **kwargs):
    """A document moved to another issue takes that issue's number and date, and waits for
    it when it is not live yet."""
    issue = parent_page_after.specific
    GazetteDocumentPage.objects.filter(pk=instance.pk).update(
        issue=issue, publication_date=issue.publication_date)
    if instance.live and not issue.live:
        hold(GazetteDocumentPage.objects.get(pk=instance.pk))
    note_change()


@receiver(page_published, sender=GazetteIssuePage)
@receiver(page_published, sender=GazetteDocumentPage)
@receiver(page_unpublished, sender=GazetteIssuePage)
@receiver(page_unpublished, sender=GazetteDocumentPage)
@receiver(post_delete, sender=GazetteIssuePage)
@receiver(post_delete, sender=GazetteDocumentPage)
@receiver(post_save, sender=DocumentType)
@receiver(post_delete, sender=DocumentType)
# A restriction takes the documents under it off the public counts, wherever it is put.
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def gazette_changed(sender, **kwargs):
    note_change()


@receiver(post_page_move)
def gazette_moved(sender, instance, **kwargs):
    """An issue moved, or a page above issues (under a restriction, out of one): a
    document's own move is follow_new_issue's, once it has taken its new issue."""
    if sender is not GazetteDocumentPage and GazetteIssuePage.objects.filter(
            path__startswith=instance.path).exists():
        note_change()
