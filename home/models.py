from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyStreamBlock
from portal.pagination import paginate
from portal.sections import render_context

from .blocks import ServiceLinkBlock


class HomePage(Page):
    """The portal's front page: a greeting, the department's services, and a section from
    every app that registered one (see portal.sections)."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    services = StreamField(
        [("service", ServiceLinkBlock())], blank=True, verbose_name=_("services")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("services")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("services")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = render_context(request, self)
        return context


class StandardPage(Page):
    """Plain content: about pages, guidance, policies. Lists its own subpages, if any."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    api_fields = [APIField("summary"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific().order_by("path")
        context["children"] = paginate(request, children, settings.PORTAL_PAGE_SIZE)
        return context
