"""What sister cities and exhibitions add to the portal (portal/extensions.py), and the
programme's records in the admin: venues and the visits log."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import extensions
from portal.datasets import LiveDataset
from portal.demo_builder import DemoContent
from portal.sections import HomeSection

from . import data, demo, page_urls
from .models import Venue, Visit
from .sections import home_section


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "address", "opening_hours"]
    list_filter = ["locale"]
    search_fields = ["name", "address"]


class VisitViewSet(SnippetViewSet):
    model = Visit
    icon = "globe"
    list_display = ["date", "delegation", "city", "place"]
    list_filter = ["locale", "date"]
    search_fields = ["delegation", "place", "purpose"]


register_snippet(VenueViewSet)
register_snippet(VisitViewSet)


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
