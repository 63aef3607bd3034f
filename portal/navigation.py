"""The main menu and the footer links, in the reader's language, in a constant number of
queries: every link of a list is resolved to its page (in the reader's language when it has
a live translation) in one query, whatever the number of links."""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from .i18n import default_language
from .pages import open_to_all


@dataclass(frozen=True)
class NavLink:
    text: str
    url: str
    # The tree path of the page linked, "" for an address: for aria-current.
    path: str = ""


def link_text(value, language):
    """A link's label in the reader's language: English on English pages, else Chinese."""
    if language == "en" and value.get("label_en"):
        return value["label_en"]
    return value.get("label", "")


def site_address(url, language):
    """An address typed by an editor, in the reader's language: a path of this site is
    written as in Chinese ("/cases/track/") and becomes "/en/cases/track/" in English;
    a full address stays as it is."""
    if not url.startswith("/") or url.startswith("//"):
        return url
    with translation.override(default_language()):
        return translate_url(url, language)


def localized_pages(page_ids, locale):
    """{id given: live page anyone may see}, each in `locale` when it has a live translation
    there, else the page itself when it is live: one query."""
    chosen = Page.objects.filter(id__in=page_ids).values("translation_key")
    # The pages chosen and their live translations in `locale` all share the chosen pages'
    # translation keys, which the (translation key, locale) index finds: with the OR on
    # the outside, PostgreSQL scanned every page (200 ms at 100,000 gazette documents).
    candidates = list(open_to_all(
        Page.objects.filter(translation_key__in=chosen)
        .filter(Q(id__in=page_ids) | Q(locale=locale, live=True))
    ).select_related("locale").only("id", "title", "url_path", "path", "depth", "live",
                                    "translation_key", "locale"))
    translated = {page.translation_key: page for page in candidates
                  if page.live and page.locale_id == locale.id}
    found = {}
    for page in candidates:
        if page.id in page_ids:
            shown = translated.get(page.translation_key) or (page if page.live else None)
            if shown is not None:
                found[page.id] = shown
    return found


def resolve_link_lists(stream_values, request):
    """NavLinks of each StreamField of links (label, label_en, page, url) given, such as the
    main menu and the footer, read from their raw data so that the pages of all of them are
    fetched in one query, in the reader's language. A link whose page is gone, unpublished
    or restricted is left out."""
    language = translation.get_language()
    lists = [[block["value"] for block in stream_value.raw_data]
             for stream_value in stream_values]
    page_ids = {value["page"] for values in lists for value in values if value.get("page")}
    pages = localized_pages(page_ids, Locale.get_active()) if page_ids else {}
    resolved = []
    for values in lists:
        links = []
        for value in values:
            text = link_text(value, language)
            if value.get("page"):
                page = pages.get(value["page"])
                if page is not None:
                    links.append(NavLink(text, page.get_url(request), page.path))
            elif value.get("url"):
                links.append(NavLink(text, site_address(value["url"], language)))
        resolved.append(links)
    return resolved


def menu_pages(request):
    """Without a menu set by the editors: the live in-menu children of the reader's home
    page (one query)."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    locale = Locale.get_active()
    root = site.root_page
    if root.locale_id != locale.id:
        root = root.get_translation_or_none(locale) or root
    pages = open_to_all(root.get_children().live().in_menu()).only(
        "id", "title", "url_path", "path", "locale_id")
    return [NavLink(page.title, page.get_url(request), page.path) for page in pages]


def routed_ancestors(page):
    """The page's ancestors below the tree's root as Wagtail's router read them on its way
    down to the page (it keeps each page's parent on it), or None for a page it did not
    reach that way: the breadcrumbs without a query of their own."""
    ancestors = []
    current = page
    while current.depth > 2:
        current = getattr(current, "_cached_parent_obj", None)
        if current is None:
            return None
        ancestors.append(current)
    return ancestors[::-1]


def link_current(link, page, request_path):
    """aria-current of a link: "page" on the page or address it links to, "true" anywhere
    below it (a page in its section, a sub-route of a view), "" elsewhere."""
    if link.path:
        path = getattr(page, "path", None)
        if not path:
            return ""
        if path == link.path:
            return "page"
        return "true" if path.startswith(link.path) else ""
    if not link.url.startswith("/") or not request_path:
        return ""
    if request_path == link.url:
        return "page"
    return "true" if link.url != "/" and request_path.startswith(link.url) else ""
