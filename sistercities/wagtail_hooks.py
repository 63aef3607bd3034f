"""What sister cities and exhibitions add to the portal (portal/extensions.py)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal import extensions
from portal.datasets import LiveDataset
from portal.demo_builder import DemoContent
from portal.sections import HomeSection

from . import data, demo, page_urls
from .sections import home_section


@hooks.register(extensions.HOME_SECTIONS)
def home_sections():
    return [HomeSection("sistercities", "sistercities/home_section.html", home_section,
                        order=50)]


@hooks.register(extensions.LIVE_DATASETS)
def live_datasets():
    return [LiveDataset("sister-cities", rows=data.city_rows, version=data.version,
                        title=_("Sister and partner cities"))]


@hooks.register(extensions.PAGE_URLS)
def page_language_urls():
    return [path("", include(page_urls))]


@hooks.register(extensions.DEMO_CONTENT)
def demo_content():
    return [DemoContent("sistercities", demo.build, order=40)]
