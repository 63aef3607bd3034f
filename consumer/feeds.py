"""/consumer/feed.atom: the notices, any filter of the listing as a feed."""

from django.utils.translation import gettext as _

from portal.feeds import ListingFeed

from . import domain
from .models import ConsumerIndexPage

FEED_SIZE = 50


class ConsumerFeed(ListingFeed):
    """The newest notices that the listing's filters select."""

    page_model = ConsumerIndexPage

    def entries(self, request, page):
        filters, _errors = domain.clean_filters(request.GET)
        return page.filtered_notices(filters)[:FEED_SIZE]

    def title(self, obj):
        return _("Consumer protection notices")

    def description(self, obj):
        return _("Consumer alerts, inspection results, events and decisions")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_date(self, item):
        return item.date

    def item_categories(self, item):
        return [str(dict(domain.KINDS)[item.kind])]


feed_view = ConsumerFeed()
