"""Links between the Chinese and English versions of the portal."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_supported_language_variant
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.models.i18n import LocaleManager

from .fragments import kept_rows
from .memo import request_memo

_get_for_language = LocaleManager.get_for_language


def get_for_language(manager, language_code):
    # Wagtail reads the active locale again for every page it localizes, the menus and the
    # language links, 4 to 9 times a page: inside a request, all locales are read once, and
    # kept per content version (portal.fragments).
    memo = request_memo("locales")
    if memo is None:
        return _get_for_language(manager, language_code)
    if not memo:
        # A site has a handful of locales: all of them in the query that finds the first.
        memo.update((locale.language_code, locale)
                    for locale in kept_rows("locales", lambda: list(manager.all())))
    try:
        return memo[get_supported_content_language_variant(language_code)]
    except KeyError:
        raise manager.model.DoesNotExist(f"No locale for {language_code!r}") from None


def all_locales():
    """Every locale, read once a request (the memo get_for_language fills)."""
    memo = request_memo("locales")
    if memo is None:
        return list(Locale.objects.all())
    if not memo:
        memo.update((locale.language_code, locale)
                    for locale in kept_rows("locales", lambda: list(Locale.objects.all())))
    return list(memo.values())


def remember_locales_per_request():
    """Makes Wagtail's Locale.objects.get_for_language (behind Locale.get_active,
    get_default and page.localized) answer from the request's memo inside a request."""
    LocaleManager.get_for_language = get_for_language


def locale_or_none(language_code):
    """The Wagtail locale of a language, or None (read once a request)."""
    try:
        return Locale.objects.get_for_language(language_code)
    except (Locale.DoesNotExist, LookupError):
        return None


def default_language():
    """The code of the portal's default language (Chinese, "zh-hant"): the one way to name it
    outside settings and migrations."""
    return get_supported_language_variant(settings.LANGUAGE_CODE)


def default_locale():
    """The Wagtail locale of the default language."""
    return Locale.objects.get_for_language(default_language())


def home_url(language_code, request=None):
    """The home page of a language: the site root's translation, else that language's prefix."""
    site = Site.find_for_request(request) if request else None
    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    locale = locale_or_none(language_code)
    if site is not None and locale is not None:
        translated = live_translation(request, site.root_page, locale)
        if translated is not None:
            return translated.get_url(request)
    with translation.override(language_code):
        return "/" if language_code == default_language() else f"/{language_code}/"


# The query parameter that marks a page reached from a page that has no translation in its
# language: the page then says so (`fallback_language`). Its value is the language left.
FALLBACK_PARAMETER = "from"


def alternate_url(request, language_code, page=None):
    """The same page in another language, with its sub-route (a routable page's
    /visits/2019/) and its query string (filters, search words, page number). A page with no
    live translation goes to its nearest translated ancestor, marked so that it says so.
    Views that are not Wagtail pages translate their own path."""
    if isinstance(page, Page):
        return page_alternate_url(request, language_code, page)
    if request is not None:
        match = resolve_or_none(request.path_info)
        # Wagtail's catch-all route matches any path; only named views have a counterpart.
        if match is not None and match.url_name != "wagtail_serve":
            return translate_url(request.path, language_code) + kept_query(request)
    return home_url(language_code, request)


def live_translations(request, page):
    """The live pages of `page`'s translation set (itself included when live), with their
    locales, for the language links, the hreflang links and the home page's address, which
    all ask: one query a request for the page's and the home page's."""
    memo = request_memo("live_translations")
    if memo is None:
        memo = {}
    if page.translation_key not in memo:
        keys = {page.translation_key}
        site = Site.find_for_request(request) if request is not None else None
        if site is not None and site.root_page.translation_key not in memo:
            keys.add(site.root_page.translation_key)
        for key in keys:
            memo[key] = []
        for other in (Page.objects.live().filter(translation_key__in=keys)
                      .select_related("locale").order_by("path")):
            memo[other.translation_key].append(other)
    return memo[page.translation_key]


def live_translation(request, page, locale):
    """The live translation of `page` in `locale` (the page itself if that is its own), or
    None."""
    return next((other for other in live_translations(request, page)
                 if other.locale_id == locale.id), None)


def page_alternate_url(request, language_code, page):
    locale = locale_or_none(language_code)
    if locale is None:
        return home_url(language_code, request)
    translated = live_translation(request, page, locale)
    if translated is not None:
        return translated.get_url(request) + sub_route(request, page) + kept_query(request)
    ancestor = nearest_translated_ancestor(page, locale)
    url = ancestor.get_url(request) if ancestor is not None else home_url(language_code,
                                                                          request)
    return f"{url}?{urlencode({FALLBACK_PARAMETER: translation.get_language()})}"


def sub_route(request, page):
    """What the address asked for below the page's own: a routable page's route."""
    if request is None:
        return ""
    own = page.get_url(request)
    if own and own.startswith("/") and request.path.startswith(own):
        return iri_to_uri(request.path[len(own):])
    return ""


def kept_query(request):
    """The query string to keep when switching language, less the fallback marker."""
    if request is None:
        return ""
    query = request.GET.copy()
    query.pop(FALLBACK_PARAMETER, None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""


def nearest_translated_ancestor(page, locale):
    """The closest ancestor of `page` (below the tree's root) with a live translation in
    `locale`, as that translation: one query."""
    steps = range(Page.steplen * 2, len(page.path), Page.steplen)
    ancestors = Page.objects.filter(path__in=[page.path[:end] for end in steps])
    return (Page.objects.live().filter(locale=locale,
                                       translation_key__in=ancestors.values("translation_key"))
            .order_by("-depth").first())


def reached_by_fallback(request):
    """True on a page a reader was sent to because the page they were reading has no
    translation in this language (the FALLBACK_PARAMETER marker names the language left)."""
    if request is None:
        return False
    left = request.GET.get(FALLBACK_PARAMETER)
    return left in dict(settings.LANGUAGES) and left != translation.get_language()


def resolve_or_none(path):
    try:
        return resolve(path)
    except Resolver404:
        return None
