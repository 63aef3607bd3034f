"""/gazette/feed.atom: any gazette search as an Atom feed, with the API's conditions."""

from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal import agencies, params
from portal.dates import format_date_for_language, format_year_for_language
from portal.feeds import ListingFeed

from . import api, numbering
from . import conditions as search
from .models import DocumentType, GazetteIndexPage, default_language_documents, open_consultations


def _quoted(text):
    return pgettext("quoted text", "“%(text)s”") % {"text": text}


def _alternatives(values):
    return pgettext("alternatives", " or ").join(values)


def search_description(conditions):
    """What a search asks for, in the active language: 關鍵字「釜山」、機關 高雄市政府法制局.
    Empty for no condition."""
    language = translation.get_language()
    parts = []
    if conditions.term:
        parts.append(_("keyword %(term)s") % {"term": _quoted(conditions.term)})
    if conditions.types:
        names = {kind.name: kind.display_name
                 for kind in DocumentType.objects.filter(name__in=conditions.types)}
        parts.append(_("type %(types)s") % {"types": _alternatives(
            _quoted(names.get(name, name)) for name in conditions.types)})
    if conditions.agencies:
        names = agencies.names_by_code()
        parts.append(_("agency %(agencies)s") % {"agencies": _alternatives(
            names.get(code, code) for code in conditions.agencies)})
    if conditions.issue:
        label = (numbering.issue_label_en if language == "en" else numbering.issue_label)
        parts.append(_("issue %(issue)s") % {"issue": label(*conditions.issue)})
    if conditions.document_number:
        parts.append(_("document number %(number)s") % {"number": conditions.document_number})
    dates = {
        ("publication_date", "is"): _("published on %(date)s"),
        ("publication_date", "gte"): _("published from %(date)s"),
        ("publication_date", "lte"): _("published until %(date)s"),
        ("signing_date", "gte"): _("signed from %(date)s"),
        ("signing_date", "lte"): _("signed until %(date)s"),
    }
    for key, wording in dates.items():
        if key in conditions.dates:
            parts.append(wording % {
                "date": format_date_for_language(conditions.dates[key], language)})
    year = conditions.dates.get(("publication_date", "year"))
    if year:
        parts.append(_("published in %(year)s") % {
            "year": format_year_for_language(year, language)})
    return pgettext("list separator", ", ").join(parts)


class GazetteFeed(ListingFeed):
    """The documents a search finds, newest issue first, as the search API finds them."""

    page_model = GazetteIndexPage

    def __call__(self, request, *args, **kwargs):
        # Conditions the API would refuse get the API's 400 and JSON errors, in the language
        # the client asks for: a Feed can only answer with a feed or raise, so they are
        # read before it, and the feed itself is in the language of its address.
        try:
            with translation.override(api.client_language(request)):
                api.locale_parameter(request)
                request.gazette_conditions = search.parse(request.GET)
        except params.ParamErrors as error:
            return JsonResponse({"errors": error.by_parameter()}, status=400,
                                json_dumps_params={"ensure_ascii": False})
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        obj = super().get_object(request)
        obj["search"] = search_description(request.gazette_conditions)
        return obj

    def entries(self, request, page):
        return search.run(request.gazette_conditions, default_language_documents()).items

    def entry_url(self, entry, page, request):
        return f"{page.get_url(request)}d/{entry.pk}/"  # the permalink

    def title(self, obj):
        gazette = _("Kaohsiung City Government Gazette")
        if not obj["search"]:
            return gazette
        return _("%(gazette)s: %(search)s") % {"gazette": gazette, "search": obj["search"]}

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


class ConsultationsFeed(ListingFeed):
    """/gazette/consultations/feed.atom: the drafts open for comment now, the soonest to
    close first."""

    page_model = GazetteIndexPage

    def entries(self, request, page):
        return open_consultations()

    def entry_url(self, entry, page, request):
        return f"{page.get_url(request)}d/{entry.pk}/"  # the permalink

    def title(self, obj):
        return _("Kaohsiung City Government Gazette: open consultations")

    def description(self, obj):
        return _("Draft regulations open for comment, the soonest to close first")

    def item_title(self, item):
        return item.display_title

    def item_description(self, item):
        return _("%(agency)s %(number)s. Comments until %(date)s.") % {
            "agency": agencies.display_name(item.agency), "number": item.document_number,
            "date": format_date_for_language(item.comment_deadline, translation.get_language())}

    def item_date(self, item):
        return item.issue.publication_date

    def item_categories(self, item):
        return [item.document_type.top.name]


consultations_feed_view = ConsultationsFeed()
