from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal import agencies
from portal.pages import one_live_page, open_to_all
from portal.pagination import paginate

from . import domain


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

    # Purged from the front-end cache with this page (portal.invalidation).
    purge_feed_url_names = ("consumer-feed",)

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    steps = StreamField([("step", StepBlock())], blank=True,
                        verbose_name=_("the complaint path"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("steps")]
    api_fields = [APIField("intro"), APIField("steps")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consumer.ConsumerNoticePage", "consumer.ConsumerStatisticsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consumer protection index")

    def notices(self):
        return (ConsumerNoticePage.objects.live().public().child_of(self)
                .order_by("-date", "-pk"))

    def complaint_form(self):
        """The live consumer complaint form in this page's language, if there is one."""
        from petitions.models import ComplaintFormPage

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
        kind_counts = dict(notices.order_by().values_list("kind").annotate(n=models.Count("pk")))
        topic_counts = dict(notices.order_by().values_list("topic").annotate(
            n=models.Count("pk")))
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


class ConsumerNoticeForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each partner agency once, in the editor's language, not each translation's row.
        if "partner_agencies" in self.fields:
            self.fields["partner_agencies"] = agencies.AgencyMultipleChoiceField(
                required=False, label=self.fields["partner_agencies"].label)


class ConsumerNoticePage(Page):
    """A notice whose kind decides which structured fields it carries."""

    kind = models.CharField(_("kind"), max_length=20, choices=domain.KINDS)
    topic = models.CharField(_("topic"), max_length=20, choices=domain.TOPICS)
    date = models.DateField(_("date of the notice"), default=timezone.localdate)
    summary = models.TextField(_("summary"))
    body = RichTextField(_("details"), blank=True)
    # Consumer alert
    affected = models.TextField(_("affected products or businesses"), blank=True)
    advice = models.TextField(_("advice"), blank=True)
    # Inspection, education event and committee meeting: the day it took place
    event_date = models.DateField(_("date of the inspection, event or meeting"), null=True,
                                  blank=True)
    # Inspection result
    partner_agencies = ParentalManyToManyField("portal.Agency", blank=True,
                                               verbose_name=_("partner agencies"))
    inspected = models.TextField(_("what was inspected (products, venues, contracts)"),
                                 blank=True)
    businesses_inspected = models.PositiveIntegerField(_("businesses inspected"), null=True,
                                                       blank=True)
    findings = models.TextField(_("findings"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    # Education event
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    # Committee decision
    decisions = StreamField([("decision", blocks.CharBlock(label=_("decision")))],
                            blank=True, verbose_name=_("decisions"))
    # Legal clinic
    sessions = StreamField([("session", SessionBlock())], blank=True,
                           verbose_name=_("schedule of sessions"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("topic"), FieldPanel("date")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("affected"), FieldPanel("advice")],
                        heading=_("Consumer alert")),
        FieldPanel("event_date"),
        MultiFieldPanel([FieldPanel("partner_agencies"), FieldPanel("inspected"),
                         FieldPanel("businesses_inspected"), FieldPanel("findings"),
                         FieldPanel("follow_up")], heading=_("Inspection result")),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("audience"),
                         FieldPanel("attendance")], heading=_("Education event")),
        FieldPanel("decisions"),
        FieldPanel("sessions"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.SearchField("body"), index.SearchField("affected"),
                     index.SearchField("inspected"), index.SearchField("findings"),
                     index.FilterField("kind"), index.FilterField("topic"),
                     index.FilterField("date")]
    api_fields = [APIField(name) for name in (
        "kind", "topic", "date", "summary", "body", "affected", "advice", "event_date",
        "partner_agencies", "inspected", "businesses_inspected", "findings", "follow_up",
        "venue", "audience", "attendance", "decisions", "sessions")]
    base_form_class = ConsumerNoticeForm
    parent_page_types = ["consumer.ConsumerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consumer notice")
        indexes = [models.Index(fields=["date"])]

    def clean(self):
        super().clean()
        values = {name: getattr(self, name) for name in domain.REQUIRED.get(self.kind, ())}
        missing = domain.missing_fields(self.kind, values)
        if missing:
            label = dict(domain.KINDS)[self.kind]
            raise ValidationError({name: _("A notice of the kind “%(kind)s” needs this.")
                                   % {"kind": label} for name in missing})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = list(self.partner_agencies.all())
        return context


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
        from . import data

        context = super().get_context(request, *args, **kwargs)
        context.update(data.statistics_context(self.locale_id))
        return context
