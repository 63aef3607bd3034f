"""/consumer/feed.atom: the notices, any filter of the listing as a feed."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from portal.pages import one_live_page

from . import domain
from .models import ConsumerIndexPage

FEED_SIZE = 50


class ConsumerFeed(Feed):
    """The newest notices that the listing's filters select."""

    feed_type = Atom1Feed

    def get_object(self, request):
        # Wagtail's page URLs cannot end in ".atom", so the feed is a plain view beside them.
        index_page = one_live_page(ConsumerIndexPage, Locale.get_active())
        if index_page is None:
            raise Http404
        filters, _errors = domain.clean_filters(request.GET)
        notices = index_page.filtered_notices(filters)[:FEED_SIZE]
        # The items' links need the request (absolute URLs on the host asked), which the
        # item_* methods are not given: each notice travels with its absolute link.
        return {
            "link": request.build_absolute_uri(index_page.get_url(request)),
            "feed_url": request.build_absolute_uri(),
            "items": [(notice, request.build_absolute_uri(notice.get_url(request)))
                      for notice in notices],
        }

    def title(self, obj):
        return _("Consumer protection notices")

    def description(self, obj):
        return _("Consumer alerts, inspection results, events and decisions")

    def link(self, obj):
        return obj["link"]

    def feed_url(self, obj):
        return obj["feed_url"]

    def items(self, obj):
        return obj["items"]

    def item_title(self, item):
        notice, _link = item
        return notice.title

    def item_link(self, item):
        _notice, link = item
        return link

    def item_description(self, item):
        notice, _link = item
        return notice.summary

    def item_pubdate(self, item):
        notice, _link = item
        return datetime.datetime.combine(notice.date, datetime.time(0),
                                         tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, item):
        notice, _link = item
        return notice.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        notice, _link = item
        return [str(dict(domain.KINDS)[notice.kind])]


feed_view = ConsumerFeed()
