"""/consumer/feed.atom: the notices, any filter of the listing as a feed."""

import datetime

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from portal.pages import one_live_page

from . import domain
from .models import ConsumerIndexPage

FEED_SIZE = 50


def feed_view(request):
    # Wagtail's page URLs cannot end in ".atom", so the feed is a plain view beside them.
    index_page = one_live_page(ConsumerIndexPage, Locale.get_active())
    if index_page is None:
        raise Http404
    filters, _errors = domain.clean_filters(request.GET)
    notices = index_page.filtered_notices(filters)
    feed = Atom1Feed(
        title=_("Consumer protection notices"),
        link=request.build_absolute_uri(index_page.get_url(request)),
        description=_("Consumer alerts, inspection results, events and decisions"),
        feed_url=request.build_absolute_uri(),
        language=Locale.get_active().language_code,
    )
    kinds = dict(domain.KINDS)
    for notice in notices[:FEED_SIZE]:
        link = request.build_absolute_uri(notice.get_url(request))
        published = datetime.datetime.combine(notice.date, datetime.time(0),
                                              tzinfo=timezone.get_current_timezone())
        feed.add_item(title=notice.title, link=link, unique_id=link,
                      description=notice.summary, pubdate=published,
                      updateddate=notice.last_published_at or published,
                      categories=[str(kinds[notice.kind])])
    return HttpResponse(feed.writeString("utf-8"),
                        content_type="application/atom+xml; charset=utf-8")
