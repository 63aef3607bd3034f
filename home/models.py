from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyStreamBlock
from portal.pages import open_to_all
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
        # Read as their one allowed type in one query, not as pages and then again as types.
        children = open_to_all(StandardPage.objects.child_of(self).live()).order_by("path")
        context["children"] = paginate(request, children, settings.PORTAL_PAGE_SIZE)
        return context


# How deep the site map goes below the home page: sections, and two levels of their pages.
SITE_MAP_LEVELS = 3


def site_map(home_path, locale_id, request):
    """The live public pages of a language below its home page (tree path `home_path`), as
    nested {"title", "url", "children"}: every section (a child of the home page) and below
    them the pages marked "show in menus", SITE_MAP_LEVELS deep (the gazette's thousands of
    documents are not menu pages). One query."""
    depth = len(home_path) // Page.steplen
    pages = open_to_all(
        Page.objects.live().filter(locale_id=locale_id, path__startswith=home_path,
                                   depth__gt=depth, depth__lte=depth + SITE_MAP_LEVELS)
        .filter(models.Q(depth=depth + 1) | models.Q(show_in_menus=True))
    ).select_related("locale").only("id", "title", "url_path", "path", "depth", "locale")
    nodes = {home_path: []}
    for page in pages.order_by("path"):
        siblings = nodes.get(page.path[:-Page.steplen])
        if siblings is not None:  # under a page the map shows
            children = []
            siblings.append({"title": page.title, "url": page.get_url(request),
                             "children": children})
            nodes[page.path] = children
    return nodes[home_path]


class SiteMapPage(Page):
    """網站導覽: the site's structure and its access keys (the ::: links of Taiwan's
    accessibility guidelines), as the guidelines ask every government site to explain."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("site map page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The home page of the site map's language is its ancestor at depth 2.
        context["tree"] = site_map(self.path[:Page.steplen * 2], self.locale_id, request)
        return context
