import json

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from portal.blocks import CaptionedImageBlock
from portal.pages import OneChildTypeRouting, open_to_all

from . import conf, domain
from .blocks import ExchangeBlock, ExhibitItemBlock, VideoLinkBlock

JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def english():
    return get_language() == "en"


class Venue(TranslatableMixin, models.Model):
    """Where exhibitions are shown, such as the atrium of the Siwei administrative centre."""

    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=200)
    opening_hours = models.CharField(_("opening hours"), max_length=200)

    panels = [FieldPanel("name"), FieldPanel("address"), FieldPanel("opening_hours")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name


class SisterCityIndexPage(RoutablePageMixin, OneChildTypeRouting, Page):
    """The whole network: map, list, filters and counts; the visits log under /visits/."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["sistercities.SisterCityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("sister city index")

    def cities(self):
        return list(open_to_all(SisterCityPage.objects.live().child_of(self), within=self)
                    .order_by("date_established", "pk"))

    @path("")
    def index(self, request):
        cities = self.cities()
        countries = {city.country_en: city.country for city in cities}
        filters = domain.clean_filters(request.GET, countries)
        shown = [city for city in cities
                 if (not filters["country"] or city.country_en == filters["country"])
                 and (not filters["relationship"]
                      or city.relationship == filters["relationship"])]
        shown = domain.sort_cities(shown, filters["sort"])
        labels = dict(domain.RELATIONSHIP_CHOICES)
        response = self.render(request, context_overrides={
            "cities": shown,
            "total": len(cities),
            "filters": filters,
            "country_options": sorted(countries.items(), key=lambda item: item[1]),
            "relationship_options": domain.RELATIONSHIP_CHOICES,
            "country_counts": [(countries[key], count)
                               for key, count in domain.count_by(cities, "country_en")],
            "relationship_counts": [(labels[key], count)
                                    for key, count in domain.count_by(cities, "relationship")],
            "map_data": [city.map_point() for city in shown if city.latitude is not None],
            "tile_url": conf.tile_url(),
            "tile_attribution": conf.tile_attribution(),
        })
        if conf.tile_origin():
            # The map's tiles are images from the tile server: its origin, and no more.
            response._csp_update = {"img-src": [conf.tile_origin()]}
        return response

    @path("visits/", name="visits")
    @path("visits/<int:year>/", name="visits_year")
    def visits(self, request, year=None):
        years = list(Visit.objects.filter(locale=self.locale).dates("date", "year",
                                                                    order="DESC"))
        years = [value.year for value in years]
        if year is None:
            year = years[0] if years else timezone.localdate().year
        elif year not in years:
            raise Http404(_("No visits recorded in that year."))
        visits = (Visit.objects.filter(locale=self.locale, date__year=year)
                  .select_related("city").order_by("date", "pk"))
        return self.render(request, template="sistercities/visits.html",
                           context_overrides={"visits": visits, "year": year, "years": years})


class SisterCityPage(Page):
    name_zh = models.CharField(_("name in Chinese"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_native = models.CharField(_("name in the native script"), max_length=100, blank=True)
    country = models.CharField(
        _("country"), max_length=60, help_text=_("In the language of this page."))
    country_en = models.CharField(
        _("country in English"), max_length=60,
        help_text=_("Used to group and filter cities in both languages."))
    relationship = models.CharField(_("relationship"), max_length=20,
                                    choices=domain.RELATIONSHIP_CHOICES)
    date_established = models.DateField(_("date established"), null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True,
                                   blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True,
                                    blank=True)
    official_url = models.URLField(_("official website"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    gallery = StreamField([("image", CaptionedImageBlock())], blank=True,
                          verbose_name=_("photo gallery"))
    timeline = StreamField([("exchange", ExchangeBlock())], blank=True,
                           verbose_name=_("timeline of exchanges"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_en")]),
                         FieldPanel("name_native")], heading=_("Names")),
        FieldRowPanel([FieldPanel("country"), FieldPanel("country_en")]),
        FieldRowPanel([FieldPanel("relationship"), FieldPanel("date_established")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")],
                      heading=_("Coordinates")),
        FieldPanel("official_url"),
        FieldPanel("summary"),
        FieldPanel("gallery"),
        FieldPanel("timeline"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("name_zh"),
                     index.SearchField("name_en"), index.SearchField("name_native"),
                     index.SearchField("summary"), index.FilterField("relationship")]
    api_fields = [APIField(name) for name in (
        "name_zh", "name_en", "name_native", "country", "country_en", "relationship",
        "date_established", "latitude", "longitude", "official_url", "summary", "gallery",
        "timeline")]
    parent_page_types = ["sistercities.SisterCityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("sister city")

    @property
    def display_name(self):
        return self.name_en if english() else self.name_zh

    def map_point(self):
        return {"name": self.title, "native": self.name_native, "country": self.country,
                "relationship": self.get_relationship_display(),
                "lat": float(self.latitude), "lng": float(self.longitude), "url": self.url}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["exhibitions"] = (
            open_to_all(ExhibitionPage.objects.live()).filter(
                locale=self.locale, featured_cities__translation_key=self.translation_key)
            .distinct().order_by("-start_date"))
        context["visits"] = Visit.objects.filter(
            locale=self.locale, city__translation_key=self.translation_key).order_by("-date")
        kinds = dict(domain.EXCHANGE_KINDS)
        context["timeline"] = sorted(
            ({"date": block.value["date"], "kind": kinds[block.value["kind"]],
              "description": block.value["description"], "agencies": block.value["agencies"]}
             for block in self.timeline), key=lambda item: item["date"])
        return context


class ExhibitionIndexPage(OneChildTypeRouting, Page):
    """Current, upcoming and past exhibitions; their calendar is at /exhibitions/calendar.ics
    (sistercities/page_urls.py)."""

    # Kept by the page cache, and purged from the front-end cache with this page
    # (portal.caching, portal.invalidation).
    purge_feed_url_names = ("exhibitions-calendar",)

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["sistercities.ExhibitionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("exhibition index")

    def exhibitions(self):
        return (open_to_all(ExhibitionPage.objects.live().child_of(self), within=self)
                .select_related("venue", "locale").order_by("start_date", "pk"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = domain.split_by_status(self.exhibitions(), timezone.localdate())
        return context


class ExhibitionPage(Page):
    theme = models.CharField(_("theme"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    venue = models.ForeignKey(Venue, verbose_name=_("venue"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    featured_cities = ParentalManyToManyField(
        SisterCityPage, verbose_name=_("featured cities"), blank=True,
        related_name="featured_in")
    description = RichTextField(_("description"), features=["bold", "italic", "link", "ul"],
                                blank=True)
    items = StreamField([("item", ExhibitItemBlock())], blank=True,
                        verbose_name=_("items on display"))
    gallery = StreamField([("image", CaptionedImageBlock())], blank=True,
                          verbose_name=_("gallery"))
    videos = StreamField([("video", VideoLinkBlock())], blank=True,
                         verbose_name=_("video links"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("venue"),
        FieldPanel("featured_cities"),
        FieldPanel("description"),
        FieldPanel("items"),
        FieldPanel("gallery"),
        FieldPanel("videos"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("theme"),
                     index.SearchField("description"), index.FilterField("start_date")]
    api_fields = [APIField(name) for name in (
        "theme", "start_date", "end_date", "venue", "featured_cities", "description",
        "items", "gallery", "videos")]
    parent_page_types = ["sistercities.ExhibitionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("exhibition")

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    def localized_cities(self):
        """The featured cities in this page's language (editors may pick either language's
        page)."""
        keys = [city.translation_key for city in self.featured_cities.all()]
        return open_to_all(SisterCityPage.objects.live()).filter(
            locale=self.locale, translation_key__in=keys).order_by("title")

    def localized_venue(self):
        if self.venue is None:
            return None
        return self.venue.get_translation_or_none(self.locale) or self.venue

    def status(self):
        return domain.exhibition_status(self.start_date, self.end_date, timezone.localdate())

    def json_ld(self, request, cities, venue):
        """schema.org ExhibitionEvent for search engines and calendars."""
        data = {
            "@context": "https://schema.org",
            "@type": "ExhibitionEvent",
            "name": self.title,
            "description": self.theme,
            "startDate": self.start_date.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "isAccessibleForFree": True,
            "about": [{"@type": "City", "name": city.title} for city in cities],
        }
        if self.end_date:
            data["endDate"] = self.end_date.isoformat()
        if venue is not None:
            data["location"] = {"@type": "Place", "name": venue.name,
                                "address": venue.address}
        # Escaped like json_script, so no text from the page can close the script element.
        return json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cities = list(self.localized_cities())
        venue = self.localized_venue()
        context.update(cities=cities, venue=venue, json_ld=self.json_ld(request, cities, venue))
        return context


class Visit(TranslatableMixin, models.Model):
    """A visiting delegation received by the city (訪賓接待)."""

    date = models.DateField(_("date"))
    delegation = models.CharField(_("delegation"), max_length=250)
    city = models.ForeignKey(SisterCityPage, verbose_name=_("partner city"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    place = models.CharField(_("city or country"), max_length=120)
    purpose = models.TextField(_("purpose"))

    panels = [FieldPanel("date"), FieldPanel("delegation"), FieldPanel("city"),
              FieldPanel("place"), FieldPanel("purpose")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.delegation}"
