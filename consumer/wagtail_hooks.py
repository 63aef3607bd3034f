"""What consumer protection adds to the portal (portal/extensions.py), and its figures
in the admin."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from petitions.models import ComplaintFormPage
from portal import extensions
from portal.datasets import LiveDataset
from portal.demo_builder import DemoContent
from portal.sections import HomeSection

from . import data, demo, page_urls
from .models import ReportingPeriod
from .sections import latest_notices


class ReportingPeriodViewSet(SnippetViewSet):
    """The statistics page's figures, one reporting period a row, under Snippets."""

    model = ReportingPeriod
    icon = "table"
    list_display = ["label", "label_en", "start", "end", "updated_at"]
    list_filter = ["start"]
    search_fields = ["label", "label_en", "source"]


register_snippet(ReportingPeriodViewSet)


@hooks.register(extensions.HOME_SECTIONS)
def home_sections():
    return [HomeSection("consumer", "consumer/home_section.html", latest_notices, order=30,
                        pages=(ComplaintFormPage,))]


@hooks.register(extensions.LIVE_DATASETS)
def live_datasets():
    return [LiveDataset("consumer-figures", rows=data.figure_rows, version=data.version,
                        title=_("Consumer protection figures"))]


@hooks.register(extensions.PAGE_URLS)
def page_language_urls():
    return [path("", include(page_urls))]


@hooks.register(extensions.DEMO_CONTENT)
def demo_content():
    return [DemoContent("consumer", demo.build, order=50)]
