"""The sister-city programme's records in the admin: venues and the visits log."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Venue, Visit


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
