from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from opendata.models import DatasetPage
from petitions.models import ComplaintFormPage
from petitions.statistics import monthly_case_statistics
from portal import agencies
from portal.pages import one_live_page, open_to_all
from portal.pagination import paginate

from . import chart, domain


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"), max_length=120)
    body = blocks.RichTextBlock(label=_("what to do"), features=["bold", "link", "ul"])

    class Meta:
        icon = "list-ol"
        label = _("Step")


class SessionBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("date"))
    time = blocks.CharBlock(label=_("time"), max_length=40)
    place = blocks.CharBlock(label=_("place"), max_length=120)

    class Meta:
        icon = "date"
        label = _("Session")


class ConsumerIndexPage(Page):
    """/consumer/: the 1950 hotline, how to complain step by step, and the notices."""

    # Kept by the page cache, and purged from the front-end cache with this page
    # (portal.caching, portal.invalidation).
    purge_feed_url_names = ("consumer-feed",)

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    steps = StreamField([("step", StepBlock())], blank=True,
                        verbose_name=_("the complaint path"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("steps")]
    api_fields = [APIField("intro"), APIField("steps")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consumer.AlertNoticePage", "consumer.InspectionNoticePage",
                     "consumer.EducationNoticePage", "consumer.CommitteeNoticePage",
                     "consumer.ClinicNoticePage", "consumer.ConsumerStatisticsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consumer protection index")

    def notices(self):
        return notices_below(self)

    def complaint_form(self):
        """The live consumer complaint form in this page's language, if there is one."""
        return one_live_page(ComplaintFormPage, self.locale_id)

    def filtered_notices(self, filters):
        """The notices that the listing's filters (domain.clean_filters) leave."""
        notices = self.notices()
        if filters["kind"]:
            notices = notices.filter(kind=filters["kind"])
        if filters["topic"]:
            notices = notices.filter(topic=filters["topic"])
        if filters["from"]:
            notices = notices.filter(date__gte=filters["from"])
        if filters["to"]:
            notices = notices.filter(date__lte=filters["to"])
        return notices

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters, errors = domain.clean_filters(request.GET)
        notices = self.filtered_notices(filters)
        # Both filters' counts from one grouping by kind and topic.
        kind_counts, topic_counts = Counter(), Counter()
        for kind, topic, count in (notices.order_by().values_list("kind", "topic")
                                   .annotate(n=models.Count("pk"))):
            kind_counts[kind] += count
            topic_counts[topic] += count
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            filters=filters, date_errors=errors,
            kinds=[(key, label, kind_counts.get(key, 0)) for key, label in domain.KINDS],
            topics=[(key, label, topic_counts.get(key, 0)) for key, label in domain.TOPICS],
            page_obj=paginate(request, notices, settings.PORTAL_PAGE_SIZE),
            query_string=query.urlencode(),
            complaint_form=self.complaint_form(),
            statistics=open_to_all(ConsumerStatisticsPage.objects.live().child_of(self),
                                   within=self).first(),
        )
        return context


class ConsumerNoticePage(Page):
    """What every notice has. Each kind is its own page type below, so an editor sees only
    the fields of the kind they chose; `kind` is kept on this table, set from the type, for
    the listing's filters and counts, the feed's categories and the API."""

    notice_kind = None  # each kind's page type says which it is

    kind = models.CharField(_("kind"), max_length=20, choices=domain.KINDS, editable=False)
    topic = models.CharField(_("topic"), max_length=20, choices=domain.TOPICS)
    date = models.DateField(_("date of the notice"), default=timezone.localdate)
    summary = models.TextField(_("summary"))
    body = RichTextField(_("details"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("topic"), FieldPanel("date")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.SearchField("body"), index.FilterField("kind"),
                     index.FilterField("topic"), index.FilterField("date")]
    api_fields = [APIField(name) for name in ("kind", "topic", "date", "summary", "body")]
    parent_page_types = ["consumer.ConsumerIndexPage"]
    subpage_types = []
    is_creatable = False  # a notice is always of one kind

    class Meta:
        verbose_name = _("consumer notice")
        indexes = [models.Index(fields=["date"])]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.notice_kind:
            self.kind = self.notice_kind

    def get_template(self, request, *args, **kwargs):
        return "consumer/consumer_notice_page.html"  # one template, which shows each kind

    def clean(self):
        super().clean()
        values = {name: getattr(self, name) for name in domain.REQUIRED.get(self.kind, ())}
        missing = domain.missing_fields(self.kind, values)
        if missing:
            label = dict(domain.KINDS)[self.kind]
            raise ValidationError({name: _("A notice of the kind “%(kind)s” needs this.")
                                   % {"kind": label} for name in missing})


def _kind_label(kind):
    return dict(domain.KINDS)[kind]


class AlertNoticePage(ConsumerNoticePage):
    notice_kind = domain.ALERT

    affected = models.TextField(_("affected products or businesses"), blank=True)
    advice = models.TextField(_("advice"), blank=True)

    content_panels = [*ConsumerNoticePage.content_panels, FieldPanel("affected"),
                      FieldPanel("advice")]
    search_fields = [*ConsumerNoticePage.search_fields, index.SearchField("affected")]
    api_fields = [*ConsumerNoticePage.api_fields, APIField("affected"), APIField("advice")]

    class Meta:
        verbose_name = _kind_label(domain.ALERT)


class InspectionNoticeForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each partner agency once, in the editor's language, not each translation's row.
        if "partner_agencies" in self.fields:
            self.fields["partner_agencies"] = agencies.AgencyMultipleChoiceField(
                required=False, label=self.fields["partner_agencies"].label)


class InspectionNoticePage(ConsumerNoticePage):
    notice_kind = domain.INSPECTION

    event_date = models.DateField(_("date of the inspection"), null=True, blank=True)
    partner_agencies = ParentalManyToManyField("portal.Agency", blank=True,
                                               verbose_name=_("partner agencies"))
    inspected = models.TextField(_("what was inspected (products, venues, contracts)"),
                                 blank=True)
    businesses_inspected = models.PositiveIntegerField(_("businesses inspected"), null=True,
                                                       blank=True)
    findings = models.TextField(_("findings"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)

    content_panels = [*ConsumerNoticePage.content_panels, FieldPanel("event_date"),
                      FieldPanel("partner_agencies"), FieldPanel("inspected"),
                      FieldPanel("businesses_inspected"), FieldPanel("findings"),
                      FieldPanel("follow_up")]
    search_fields = [*ConsumerNoticePage.search_fields, index.SearchField("inspected"),
                     index.SearchField("findings")]
    api_fields = [*ConsumerNoticePage.api_fields, *[APIField(name) for name in (
        "event_date", "partner_agencies", "inspected", "businesses_inspected", "findings",
        "follow_up")]]
    base_form_class = InspectionNoticeForm

    class Meta:
        verbose_name = _kind_label(domain.INSPECTION)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = list(self.partner_agencies.all())
        return context


class EducationNoticePage(ConsumerNoticePage):
    notice_kind = domain.EDUCATION

    event_date = models.DateField(_("date of the event"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)

    content_panels = [*ConsumerNoticePage.content_panels, FieldPanel("event_date"),
                      FieldRowPanel([FieldPanel("venue"), FieldPanel("audience"),
                                     FieldPanel("attendance")])]
    api_fields = [*ConsumerNoticePage.api_fields, *[APIField(name) for name in (
        "event_date", "venue", "audience", "attendance")]]

    class Meta:
        verbose_name = _kind_label(domain.EDUCATION)


class CommitteeNoticePage(ConsumerNoticePage):
    notice_kind = domain.COMMITTEE

    event_date = models.DateField(_("date of the meeting"), null=True, blank=True)
    decisions = StreamField([("decision", blocks.CharBlock(label=_("decision")))],
                            blank=True, verbose_name=_("decisions"))

    content_panels = [*ConsumerNoticePage.content_panels, FieldPanel("event_date"),
                      FieldPanel("decisions")]
    api_fields = [*ConsumerNoticePage.api_fields, APIField("event_date"),
                  APIField("decisions")]

    class Meta:
        verbose_name = _kind_label(domain.COMMITTEE)


class ClinicNoticePage(ConsumerNoticePage):
    notice_kind = domain.CLINIC

    sessions = StreamField([("session", SessionBlock())], blank=True,
                           verbose_name=_("schedule of sessions"))

    content_panels = [*ConsumerNoticePage.content_panels, FieldPanel("sessions")]
    api_fields = [*ConsumerNoticePage.api_fields, APIField("sessions")]

    class Meta:
        verbose_name = _kind_label(domain.CLINIC)


# The page type of each kind of notice.
NOTICE_PAGES = {page.notice_kind: page for page in (
    AlertNoticePage, InspectionNoticePage, EducationNoticePage, CommitteeNoticePage,
    ClinicNoticePage)}


class ReportingPeriod(models.Model):
    """Figures for one reporting period as published in a report; a figure the report does
    not give stays empty rather than guessed."""

    label = models.CharField(_("period (Chinese)"), max_length=40)
    label_en = models.CharField(_("period (English)"), max_length=60)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    consultations = models.PositiveIntegerField(_("consultations"), null=True, blank=True)
    first_complaints = models.PositiveIntegerField(_("first complaints"), null=True,
                                                   blank=True)
    second_complaints = models.PositiveIntegerField(_("second complaints"), null=True,
                                                    blank=True)
    mediations = models.PositiveIntegerField(_("mediations"), null=True, blank=True)
    inspections = models.PositiveIntegerField(_("inspections"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("label_en")]),
              FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
              FieldRowPanel([FieldPanel("consultations"), FieldPanel("first_complaints"),
                             FieldPanel("second_complaints")]),
              FieldRowPanel([FieldPanel("mediations"), FieldPanel("inspections")]),
              FieldPanel("source")]

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["start"]

    def __str__(self):
        return self.label

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The period ends before it starts.")})

    @property
    def display_label(self):
        return self.label_en if get_language() == "en" and self.label_en else self.label


class ConsumerStatisticsPage(Page):
    """Consultations, complaints, mediations and inspections per reporting period, as a
    table and a chart, with the case system's live monthly counts."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["consumer.ConsumerIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consumer statistics page")

    def get_context(self, request, *args, **kwargs):
        """The table, the chart, the links to each measure's open dataset, and the complaints
        the case system received by month and stage."""
        context = super().get_context(request, *args, **kwargs)
        periods = list(ReportingPeriod.objects.order_by("start"))
        identifiers = [identifier for _field, identifier, _label in domain.MEASURES]
        datasets = {page.identifier: page for page in open_to_all(
            DatasetPage.objects.live()).filter(locale_id=self.locale_id,
                                                identifier__in=identifiers)}
        measures = [{"field": field, "label": label, "dataset": datasets.get(identifier)}
                    for field, identifier, label in domain.MEASURES]
        rows = [{"period": period,
                 "cells": [{"field": m["field"], "value": getattr(period, m["field"])}
                           for m in measures]}
                for period in periods]
        # The chart compares monthly averages, as the periods differ in length; its text
        # alternative is the table of the same averages.
        monthly_rows = [{"period": period,
                         "months": domain.months_covered(period.start, period.end),
                         "cells": [domain.per_month(getattr(period, m["field"]), period.start,
                                                    period.end) for m in measures]}
                        for period in periods]
        context.update(measures=measures, rows=rows, monthly_rows=monthly_rows,
                       chart=chart.svg(periods, [(m["field"], m["label"]) for m in measures],
                                       get_language(),
                                       _("Monthly average of each reporting period")),
                       live_rows=domain.live_rows(monthly_case_statistics()))
        return context


def notices_below(index_page):
    """The public notices of a consumer protection index, newest first."""
    return (open_to_all(ConsumerNoticePage.objects.live().child_of(index_page))
            .order_by("-date", "-pk"))
