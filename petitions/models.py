"""The app's models: the case register (cases.py, which the code that handles cases imports)
and the intake pages, which serve the citizens' forms through views.py. The pages live
here, not beside the register, because views.py needs the register: kept apart, neither
imports the other's importer."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from . import accountability_page
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
    "AccountabilityPage", "ApiKey", "Attachment", "AuditLog", "Case", "CaseCounter",
    "CaseEvent", "Complaint",
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


class AccountabilityPage(Page):
    """Whether cases are answered within their deadlines: per agency and month received,
    live from the case register, counts only (petitions.accountability)."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("case accountability page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(accountability_page.page_context(request.GET, get_language()))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # A filter that is not one offered: the page says which, with a 400.
        if response.context_data.get("errors"):
            response.status_code = 400
        return response
