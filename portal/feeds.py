"""Atom feeds beside listing pages, on django.contrib.syndication.

Wagtail's page URLs cannot end in ".atom", so a listing's feed is a plain view beside it
(an app's PAGE_URLS), finding its page in the active language. A subclass names the listing
page's model (`page_model`), the entries (`entries(request, page)`) and each entry's day
(`item_date`); the rest is shared."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Locale

from .pages import one_live_page


class ListingFeed(Feed):
    feed_type = Atom1Feed
    page_model = None

    def entry_url(self, entry, page, request):
        return entry.get_url(request)

    def get_object(self, request):
        page = one_live_page(self.page_model, Locale.get_active())
        if page is None:
            raise Http404
        entries = list(self.entries(request, page))
        # Links are absolute on the host asked, which needs the request; the item_* methods
        # are not given it, so each entry carries its link.
        for entry in entries:
            entry.feed_link = request.build_absolute_uri(self.entry_url(entry, page, request))
        return {"link": request.build_absolute_uri(page.get_url(request)),
                "feed_url": request.build_absolute_uri(), "items": entries}

    def link(self, obj):
        return obj["link"]

    def feed_url(self, obj):
        return obj["feed_url"]

    def items(self, obj):
        return obj["items"]

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return datetime.datetime.combine(self.item_date(item), datetime.time(0),
                                         tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)
