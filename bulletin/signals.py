"""An issue scheduled for its publication date takes its documents live with it."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import GazetteDocumentPage, GazetteIssuePage


@receiver(page_published, sender=GazetteIssuePage)
def publish_documents_with_issue(sender, instance, **kwargs):
    waiting = GazetteDocumentPage.objects.child_of(instance).not_live().filter(
        latest_revision__isnull=False)
    for document in waiting:
        document.get_latest_revision().publish()
