"""Staff side in the Wagtail admin: the case list and case page, the audit log (read only),
deadline policies and officer groups, and a dashboard panel for near and overdue cases."""

import datetime

import django_filters
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal import agencies, extensions, params
from portal.datasets import LiveDataset
from portal.demo_builder import DemoContent
from portal.scheduler import ScheduledJob
from portal.sections import HomeSection

from . import (
    accountability,
    actions,
    admin_urls,
    demo,
    domain,
    open311_urls,
    openapi,
    serving,
    statistics,
    tasks,
    urls,
)
from .export import (
    export_value,
    field_value,
    neutralise_formula,
    starts_like_formula,
)
from .forms_staff import CaseActionForm
from .models import (
    AccountabilityPage,
    ApiKey,
    AuditLog,
    Case,
    Complaint,
    ComplaintFormPage,
    DeadlinePolicy,
    OfficerGroup,
    PetitionFormPage,
    Stage,
)
from .open311 import issue_api_key, render_errors
from .permissions import can_see_cases, case_filter, visible_cases
from .sections import accountability_headline, intake_links


class AgencyFilter(django_filters.ModelChoiceFilter):
    field_class = agencies.AgencyChoiceField


class CaseFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    due_soon = django_filters.BooleanFilter(label=_("Due soon"), method="filter_due_soon")
    agency = AgencyFilter(
        label=_("agency"), queryset=agencies.canonical_rows(), method="filter_agency")
    stage = django_filters.ChoiceFilter(
        label=_("stage"), field_name="complaint__stage", choices=Stage.choices)

    class Meta:
        model = Case
        fields = ["kind", "status", "agency", "stage", "receipt_status"]

    def _by(self, queryset, condition, value):
        if value is None:
            return queryset
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_agency(self, queryset, name, value):
        return queryset.filter(agency_id__in=agencies.row_ids([value.pk])) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return self._by(queryset, domain.overdue_q(timezone.localdate()), value)

    def filter_due_soon(self, queryset, name, value):
        today = timezone.localdate()
        return self._by(queryset, domain.due_soon_q(today, domain.near_days_by_kind()), value)


class DeadlineColumn(Column):
    """The deadline, tagged when the case is past it or within its kind's warning window."""

    cell_template_name = "petitions/admin/deadline_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["state"] = instance.deadline_state
        return context


class CasePermissionPolicy(ModelPermissionPolicy):
    """Staff with an officer group may list and inspect; nobody adds, edits or deletes a
    case through generic views: every change goes through audited actions."""

    def user_has_permission(self, user, action):
        if action in ("view", "export"):
            return can_see_cases(user)
        return False


class CaseIndexView(IndexView):
    def dispatch(self, request, *args, **kwargs):
        if not can_see_cases(request.user):
            actions.refused(request.user, "export" if self.is_export else "list", None)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        state = domain.deadline_state(timezone.localdate(), domain.near_days_by_kind())
        return (super().get_base_queryset().filter(case_filter(self.request.user))
                .select_related("agency", "complaint").annotate(deadline_state=state))

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        action = "export" if self.is_export else "list"
        actions.audit(None, request.user, action, request.GET.urlencode())
        return response

    def to_row_dict(self, item):
        return {field: export_value(item, field) for field in self.list_export}

    def get_heading(self, queryset, field):
        if field in Complaint.field_names() and field not in self.export_headings:
            return capfirst(str(Complaint._meta.get_field(field).verbose_name))
        return super().get_heading(queryset, field)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # XLSX cells are typed: a string cell never runs, so it needs no visible quote.
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            # Excel's own hidden quote: the cell stays text even when someone edits it.
            if cell.data_type == "s" and starts_like_formula(cell.value):
                cell.quotePrefix = True
            yield cell

    def stream_csv(self, queryset):
        # The rows are written while the response streams, after the view has returned and
        # the officer's language is no longer active: keep it for the headings and labels.
        language = translation.get_language()
        rows = super().stream_csv(queryset)

        def stream():
            with translation.override(language):
                # Excel reads a CSV as UTF-8, and so shows Chinese, only after a BOM.
                yield "\ufeff".encode()
                yield from rows

        return stream()

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class CaseInspectView(InspectView):
    template_name = "petitions/admin/case_inspect.html"
    action_form = None

    def get_object(self, queryset=None):
        attempt = "action" if self.request.method == "POST" else "view"
        case = visible_cases(self.request.user).select_related("complaint").filter(
            pk=self.pk).first()
        if case is None:
            actions.refused(self.request.user, attempt, self.pk)
            raise Http404
        return case

    def get_field_label(self, field_name, field):
        if field_name in Complaint.field_names():
            return capfirst(Complaint._meta.get_field(field_name).verbose_name)
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name in Complaint.field_names():
            value = field_value(self.object, field_name)
        else:
            value = super().get_field_display_value(field_name, field)
        if value is None:
            return ""
        # The template localises the value as it stands: turn it to Taipei time first.
        return timezone.localtime(value) if isinstance(value, datetime.datetime) else value

    def get_context_data(self, **kwargs):
        actions.audit(self.object, self.request.user, "view")
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.select_related("actor", "agency")
        context["attachments"] = serving.numbered(self.object)
        context["action_form"] = self.action_form or CaseActionForm(case=self.object)
        context["action_url"] = reverse("petitions_case_action", args=[self.object.pk])
        return context


class CaseActionView(CaseInspectView):
    """The case page's form: done and back to the page, or the page again with the errors
    and what was typed."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = CaseActionForm(request.POST, case=self.object)
        if form.is_valid():
            form.apply(request.user)
            messages.success(request, _("Case updated."))
            return redirect("cases:inspect", self.object.pk)
        self.action_form = form
        messages.error(request, _("The action could not be done. See the form below."))
        return self.render_to_response(self.get_context_data(), status=400)


class CaseViewSet(ModelViewSet):
    model = Case
    icon = "mail"
    menu_label = _("Cases")
    add_to_admin_menu = False
    index_view_class = CaseIndexView
    inspect_view_class = CaseInspectView
    inspect_view_enabled = True
    filterset_class = CaseFilterSet
    list_display = ["number", "title", "kind", "status", "agency", "received_at",
                    DeadlineColumn("deadline", label=_("deadline")), "receipt_status"]
    search_fields = ["number", "subject", "complaint__business_name", "description", "category"]
    # The ORM's icontains, not the full-text index: it matches Chinese text without word
    # boundaries, and case text is never in the public search index.
    search_backend_name = None
    list_export = ["number", "kind", "stage", "status", "agency", "received_at", "deadline",
                   "closed_at", "subject", "business_name", "category", "product_category"]
    export_filename = "cases"
    # The model's own labels for these two read alike in Chinese (類別).
    export_headings = {"kind": _("Type of case"), "category": _("Petition category")}
    form_fields = ["status"]
    inspect_view_fields = ["number", "kind", "stage", "status", "agency", "received_at",
                           "deadline", "closed_at", "subject", "category", "description",
                           "location", "first_complaint_date", "first_complaint_result",
                           "business_name", "business_address", "business_phone",
                           "product_category", "transaction_date", "amount",
                           "resolution_sought", "name", "email", "phone", "reply_channel",
                           "address", "receipt_status", "receipt_attempts", "anonymised_at"]


class AuditLogPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser


class AuditLogViewSet(ModelViewSet):
    model = AuditLog
    icon = "history"
    list_display = ["at", "username", "action", "case_number", "detail"]
    list_filter = ["action"]
    search_fields = ["case_number", "username"]
    search_backend_name = None
    form_fields = ["action"]


class DeadlinePolicyViewSet(ModelViewSet):
    model = DeadlinePolicy
    icon = "time"
    form_fields = ["kind", "days", "near_days"]
    list_display = ["kind", "days", "near_days"]


class OfficerGroupViewSet(ModelViewSet):
    model = OfficerGroup
    icon = "group"
    form_fields = ["group", "agency", "sees_complaints", "sees_all"]
    list_display = ["group", "agency", "sees_complaints", "sees_all"]

    def get_form_class(self, for_update=False):
        # One choice per agency in the editor's language, not each translation's row.
        field = OfficerGroup._meta.get_field("agency")
        agency = agencies.AgencyChoiceField(label=field.verbose_name, required=False,
                                            help_text=field.help_text)
        return type("OfficerGroupForm", (super().get_form_class(for_update),),
                    {"agency": agency})


class ApiKeyCreateView(CreateView):
    """Issues the key and shows it this once: only its hash is stored."""

    def form_valid(self, form):
        key, secret = issue_api_key(form.cleaned_data["name"])
        return TemplateResponse(self.request, "petitions/admin/api_key_issued.html", {
            "key": key, "secret": secret, "index_url": reverse("open311_keys:index")})


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    icon = "key"
    add_view_class = ApiKeyCreateView
    form_fields = ["name", "active"]
    list_display = ["name", "active", "created_at"]


register_permission_policy(Case, CasePermissionPolicy(Case))
register_permission_policy(AuditLog, AuditLogPermissionPolicy(AuditLog))


CASES = CaseViewSet("cases")


class PetitionsGroup(ModelViewSetGroup):
    menu_label = _("Petitions")
    menu_icon = "mail"
    items = (CASES, AuditLogViewSet("case_audit"),
             DeadlinePolicyViewSet("deadline_policies"), OfficerGroupViewSet("officer_groups"),
             ApiKeyViewSet("open311_keys"))


@hooks.register("register_admin_viewset")
def register_viewset():
    return PetitionsGroup()


# Cases hold personal data: whoever can see them signs in with two-step verification.
hooks.register("two_factor_required", can_see_cases)


@hooks.register("register_admin_urls")
def register_urls():
    action_view = CASES.construct_view(CaseActionView, **CASES.get_inspect_view_kwargs())
    return [path("cases/<int:pk>/action/", action_view, name="petitions_case_action")]


class DeadlinePanel(Component):
    order = 50
    template_name = "petitions/admin/deadline_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        cases = visible_cases(self.user)
        return {"overdue": cases.filter(domain.overdue_q(today)).count(),
                "near": cases.filter(domain.due_soon_q(today, domain.near_days_by_kind())).count()}


@hooks.register("construct_homepage_panels")
def add_deadline_panel(request, panels):
    if can_see_cases(request.user):
        panels.append(DeadlinePanel(request.user))




# What petitions add to the portal (portal/extensions.py).
@hooks.register(extensions.HOME_SECTIONS)
def home_sections():
    return [HomeSection("petitions", "petitions/home_section.html", intake_links, order=40,
                        pages=(PetitionFormPage, ComplaintFormPage)),
            HomeSection("accountability", "petitions/accountability_section.html",
                        accountability_headline, order=45, pages=(AccountabilityPage,))]


@hooks.register(extensions.LIVE_DATASETS)
def live_datasets():
    return [LiveDataset("case-statistics", rows=statistics.monthly_case_statistics,
                        version=statistics.version, title=_("Monthly case statistics")),
            LiveDataset("case-accountability", rows=accountability.dataset_rows,
                        version=accountability.dataset_version,
                        title=_("Cases answered within the deadline, by agency and month"))]


@hooks.register(extensions.SCHEDULED_JOBS)
def scheduled_jobs():
    # Asia/Taipei times: retention at night, the digest before the working day starts,
    # receipts retried every ten minutes until MAX_RECEIPT_ATTEMPTS.
    return [
        ScheduledJob("petitions.anonymise", tasks.anonymise_cases, {"hour": 3, "minute": 0}),
        ScheduledJob("petitions.deadline_digest", tasks.send_deadline_digests,
                     {"hour": 7, "minute": 30}),
        ScheduledJob("petitions.retry_receipts", tasks.retry_failed_receipts,
                     {"minute": "*/10"}),
    ]


@hooks.register(extensions.MACHINE_URLS)
def machine_urls():
    return [
        path("cases/files/", include(admin_urls)),
        path("open311/v2/", include(open311_urls)),
    ]


@hooks.register(extensions.PAGE_URLS)
def page_language_urls():
    return [path("cases/", include(urls))]


@hooks.register(extensions.DEMO_CONTENT)
def demo_content():
    return [DemoContent("petitions", demo.build, order=70)]


@hooks.register(extensions.API_ERROR_FORMATS)
def open311_error_format():
    return [params.ErrorFormat(prefixes=("/open311/",), render=render_errors)]


@hooks.register(extensions.API_DESCRIPTIONS)
def open311_api_description():
    return [openapi.description()]
