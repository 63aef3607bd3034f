"""/gazette/feed.atom: any gazette search as an Atom feed, with the API's conditions."""

import datetime

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from portal.i18n import default_language

from . import conditions as search
from .models import GazetteIndexPage


def feed_view(request):
    # Wagtail's page URLs cannot end in ".atom", so the feed is a plain view beside them.
    index_page = GazetteIndexPage.objects.live().filter(
        locale=Locale.get_active()).first()
    if index_page is None:
        raise Http404
    return gazette_feed(request, index_page)


def gazette_feed(request, index_page):
    try:
        conditions = search.parse(request.GET)
    except search.ConditionError as error:
        return JsonResponse({"errors": error.errors}, status=400,
                            json_dumps_params={"ensure_ascii": False})
    found = search.run(conditions)
    link = request.build_absolute_uri(index_page.get_url(request))
    feed = Atom1Feed(
        title=_("Kaohsiung City Government Gazette"),
        link=link,
        description=_("Documents published in the city gazette"),
        feed_url=request.build_absolute_uri(),
        language=request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else default_language(),
    )
    for document in found.items:
        published = datetime.datetime.combine(document.issue.publication_date,
                                              datetime.time(0),
                                              tzinfo=timezone.get_current_timezone())
        permalink = request.build_absolute_uri(f"{index_page.get_url(request)}d/{document.pk}/")
        feed.add_item(
            title=document.display_title,
            link=permalink,
            unique_id=permalink,
            description=f"{document.agency.name} {document.document_number}",
            pubdate=published,
            updateddate=document.last_published_at or published,
            categories=[document.document_type.top.name],
        )
    return HttpResponse(feed.writeString("utf-8"),
                        content_type="application/atom+xml; charset=utf-8")
