"""/gazette/feed.atom: any gazette search as an Atom feed, with the API's conditions."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from portal import params
from portal.feeds import ListingFeed

from . import conditions as search
from .models import GazetteIndexPage, default_language_documents


class GazetteFeed(ListingFeed):
    """The documents a search finds, newest issue first, as the search API finds them."""

    page_model = GazetteIndexPage

    def __call__(self, request, *args, **kwargs):
        # Conditions the API would refuse get the API's 400 and JSON errors: a Feed can only
        # answer with a feed or raise, so the error is caught here around it.
        try:
            return super().__call__(request, *args, **kwargs)
        except params.ParamErrors as error:
            return JsonResponse({"errors": error.by_parameter()}, status=400,
                                json_dumps_params={"ensure_ascii": False})

    def entries(self, request, page):
        return search.run(search.parse(request.GET), default_language_documents()).items

    def entry_url(self, entry, page, request):
        return f"{page.get_url(request)}d/{entry.pk}/"  # the permalink

    def title(self, obj):
        return _("Kaohsiung City Government Gazette")

    def description(self, obj):
        return _("Documents published in the city gazette")

    def item_title(self, item):
        return item.display_title

    def item_description(self, item):
        return f"{item.agency.name} {item.document_number}"

    def item_date(self, item):
        return item.issue.publication_date

    def item_categories(self, item):
        return [item.document_type.top.name]


feed_view = GazetteFeed()
