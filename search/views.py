from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from portal import caching
from portal.pages import open_to_all
from portal.pagination import paginate

from . import results

AUTOCOMPLETE_LIMIT = 8


def _messages():
    return {"choice": _("Choose one of the listed options."),
            "date": _("Enter a date as YYYY-MM-DD."),
            "range": _("The end date must not be before the start date.")}


def sections(language_code):
    """The main sections (menu pages of the home page) offered when nothing is found."""
    return results.public(Page.objects.live().in_menu()).filter(
        depth=3, locale=Locale.objects.get_for_language(language_code))


def add_hit(query_string):
    """Query.get(query_string).add_hit() in one UPDATE once the query has a row for the
    day (Wagtail reads the query, then the day's row, then updates)."""
    today = timezone.now().date()
    if not QueryDailyHits.objects.filter(
            query__query_string=normalise_query_string(query_string), date=today
    ).update(hits=F("hits") + 1):
        Query.get(query_string).add_hit(today)


# What a person searches for may name them, and every search counts a hit for the
# editors' promoted results: answers are kept by the browser only, never by a shared cache.
personal = cache_control(private=True, no_cache=True)


@personal
def search_page(request):
    """The search page. A page of results found, as an anonymous reader sees it, is kept
    for a minute in the page cache's format (portal.caching: checked against the content
    version, with a copy in each process), under a hash of its language and address
    (results.page_key): a word searched again and again (釜山) is rendered once a minute.
    Every request still counts its hit."""
    filters = results.parse(request.GET, _messages())
    if not filters.query or filters.errors or caching.carries_personal_cookies(request) \
            or request.user.is_authenticated:
        return render_search_page(request, filters)
    key = results.page_key(get_language(), request.build_absolute_uri())
    version, kept = caching.look_up(key)
    if kept is not None:
        add_hit(filters.query)
        return caching.answer(request, kept)
    response = render_search_page(request, filters)
    if response.status_code == 200 and not caching.is_personal(request, response):
        caching.store(key, version, response, results.COUNT_SECONDS)
    return response


def render_search_page(request, filters):
    language_code = get_language()
    context = {"filters": filters, "query": filters.query, "errors": filters.errors}
    status = 400 if filters.errors else 200
    if filters.query and not filters.errors:
        found, total, counts = results.search(language_code, filters)
        page_obj = paginate(request, results.Counted(language_code, filters, found, total), 20)
        found_pages = page_obj.object_list
        urls = results.reading_urls(found_pages, language_code)
        results.prefetch_text(found_pages)
        items = [{"page": page, "url": urls[page.pk], "title": results.display_title(page),
                  "type": page._meta.verbose_name, "date": results.page_date(page),
                  "snippet": results.snippet(results.page_text(page), filters.query)}
                 for page in found_pages]
        # Wagtail's Query counts hits per query string only: no user, address or session.
        add_hit(filters.query)
        query_string = request.GET.copy()
        query_string.pop("page", None)
        context.update({
            "items": items, "page_obj": page_obj, "count": total,
            "count_label": results.count_label(total),
            "capped": total > results.COUNT_CAP,
            "shown_label": results.count_label(results.COUNT_CAP),
            "promotions": open_to_all(SearchPromotion.objects.filter(
                query__query_string=normalise_query_string(filters.query),
                page__live=True, page__locale__language_code=language_code
            ), path="page__path").select_related("page"),
            "type_choices": results.type_choices(counts),
            "agency_choices": results.agency_choices(counts),
            "query_string": query_string.urlencode(),
        })
        if not items:
            context["sections"] = sections(language_code)
    elif not filters.query:
        context["sections"] = sections(language_code)
    return render(request, "search/search.html", context, status=status)


@personal
def autocomplete(request):
    """Titles for search-as-you-type: {"results": [{"title", "url"}]}."""
    text = request.GET.get("q", "").strip()[:results.MAX_QUERY_LENGTH]
    if not text:
        return JsonResponse({"results": []})
    language_code = get_language()
    pages = results.specific_pages([
        (page.pk, page.content_type_id) for page in
        results.base_queryset(language_code, results.Filters())
        .autocomplete(text)[:AUTOCOMPLETE_LIMIT]])
    urls = results.reading_urls(pages, language_code)
    return JsonResponse({"results": [{"title": results.display_title(page),
                                      "url": urls[page.pk]} for page in pages]})
