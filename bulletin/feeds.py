"""/gazette/feed.atom: any gazette search as an Atom feed, with the API's conditions."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from portal import params

from . import conditions as search
from .models import GazetteIndexPage, default_language_documents


class GazetteFeed(Feed):
    """The documents a search finds, newest issue first, as the search API finds them."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        # Conditions the API would refuse get the API's 400 and JSON errors: a Feed can only
        # answer with a feed or raise, so the error is caught here around it.
        try:
            return super().__call__(request, *args, **kwargs)
        except params.ParamErrors as error:
            return JsonResponse({"errors": error.by_parameter()}, status=400,
                                json_dumps_params={"ensure_ascii": False})

    def get_object(self, request):
        # Wagtail's page URLs cannot end in ".atom", so the feed is a plain view beside them.
        index_page = GazetteIndexPage.objects.live().filter(
            locale=Locale.get_active()).first()
        if index_page is None:
            raise Http404
        found = search.run(search.parse(request.GET), default_language_documents())
        index_url = index_page.get_url(request)
        # The items' links need the request (absolute URLs on the host asked), which the
        # item_* methods are not given: each document travels with its permalink.
        return {
            "link": request.build_absolute_uri(index_url),
            "feed_url": request.build_absolute_uri(),
            "items": [(document, request.build_absolute_uri(f"{index_url}d/{document.pk}/"))
                      for document in found.items],
        }

    def title(self, obj):
        return _("Kaohsiung City Government Gazette")

    def description(self, obj):
        return _("Documents published in the city gazette")

    def link(self, obj):
        return obj["link"]

    def feed_url(self, obj):
        return obj["feed_url"]

    def items(self, obj):
        return obj["items"]

    def item_title(self, item):
        document, _permalink = item
        return document.display_title

    def item_link(self, item):
        _document, permalink = item
        return permalink

    def item_description(self, item):
        document, _permalink = item
        return f"{document.agency.name} {document.document_number}"

    def item_pubdate(self, item):
        document, _permalink = item
        return datetime.datetime.combine(document.issue.publication_date, datetime.time(0),
                                         tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, item):
        document, _permalink = item
        return document.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        document, _permalink = item
        return [document.document_type.top.name]


feed_view = GazetteFeed()
