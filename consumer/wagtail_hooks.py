"""What consumer protection adds to the portal (portal/extensions.py)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal import extensions
from portal.datasets import LiveDataset
from portal.demo_builder import DemoContent
from portal.sections import HomeSection

from . import data, demo, page_urls
from .sections import latest_notices


@hooks.register(extensions.HOME_SECTIONS)
def home_sections():
    return [HomeSection("consumer", "consumer/home_section.html", latest_notices, order=30)]


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
