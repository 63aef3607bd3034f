"""The app's models: the case register (cases.py, which the code that handles cases imports)
and the intake pages, which serve the citizens' forms through views.py. The pages live
here, not beside the register, because views.py needs the register: kept apart, neither
imports the other's importer."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .cases import (
    ApiKey,
    Attachment,
    AuditLog,
    Case,
    CaseCounter,
    CaseEvent,
    Complaint,
    DeadlinePolicy,
    Kind,
    OfficerGroup,
    PrivateStorage,
    ReceiptStatus,
    ReplyChannel,
    Stage,
    Status,
    private_storage,
)
from .views import serve_intake

__all__ = [
    "ApiKey", "Attachment", "AuditLog", "Case", "CaseCounter", "CaseEvent", "Complaint",
    "ComplaintFormPage",
    "DeadlinePolicy", "IntakePage", "Kind", "OfficerGroup", "PetitionFormPage",
    "PrivateStorage", "ReceiptStatus", "ReplyChannel", "Stage", "Status", "private_storage",
]


class IntakePage(Page):
    """An intake form that editors place; the fields themselves are defined in code."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = []

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return serve_intake(self, request)


class PetitionFormPage(IntakePage):
    kind = Kind.PETITION

    class Meta:
        verbose_name = _("petition form page")


class ComplaintFormPage(IntakePage):
    kind = Kind.COMPLAINT

    class Meta:
        verbose_name = _("consumer complaint form page")
