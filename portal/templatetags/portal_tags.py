from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Site

from portal import agencies
from portal.dates import (
    format_date_for_language,
    format_datetime_for_language,
    format_year_for_language,
    iso8601,
    roc_year,
)
from portal.i18n import alternate_url, home_url
from portal.pages import open_to_all

register = template.Library()


@register.filter
def roc_date(value, style=""):
    """民國113年6月5日 in Chinese, 5 June 2024 in English; `|roc_date:"short"` gives
    113/06/05 and 2024-06-05, `|roc_date:"month"` 民國113年6月 and June 2024,
    `|roc_date:"abbreviated"` 民國113年6月5日 and 5 Jun 2024."""
    return format_date_for_language(value, translation.get_language(), style)


@register.filter
def roc_datetime(value):
    """民國115年3月5日 06:22 in Chinese, 5 March 2026 06:22 in English, on the Taipei clock."""
    return format_datetime_for_language(value, translation.get_language())


@register.filter
def year_label(value):
    """民國113年 in Chinese, 2024 in English, for an AD year."""
    return format_year_for_language(value, translation.get_language())


@register.filter(name="roc_year")
def roc_year_filter(value):
    """The ROC year (113) of an AD year (2024)."""
    return roc_year(int(value))


@register.filter
def iso_datetime(value):
    """An aware datetime as ISO 8601 in Taipei time, to the second (for datetime="…")."""
    return iso8601(value) if value else ""


@register.filter
def agency_name(agency):
    """The agency's name in the reader's language (its translation, else the original)."""
    return agencies.display_name(agency)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The other languages of the current page, for the language switcher."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    # A view that shows content of another language names its counterparts itself.
    given = context.get("language_urls") or {}
    return [
        {"code": code, "name": name,
         "url": given.get(code) or alternate_url(request, code, page)}
        for code, name in settings.LANGUAGES
        if code != current
    ]


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context):
    """The page's ancestors below the root, unless the view names its own trail."""
    given = context.get("breadcrumb_ancestors")
    return given if given is not None else context["page"].get_ancestors()[1:]


@register.simple_tag(takes_context=True)
def page_alternates(context, page):
    """hreflang links for a page and its live translations, when it has any."""
    pages = list(page.get_translations(inclusive=True).live().select_related("locale"))
    if len(pages) < 2:
        return []
    request = context.get("request")
    return [{"code": other.locale.language_code, "url": other.get_full_url(request)}
            for other in pages]


@register.simple_tag(takes_context=True)
def localized_home_url(context):
    return home_url(translation.get_language(), context.get("request"))


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The live in-menu children of the current language's home page (one query)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    locale = Locale.get_active()
    root = site.root_page
    if root.locale_id != locale.id:
        root = root.get_translation_or_none(locale) or root
    return list(open_to_all(root.get_children().live().in_menu())
                .only("id", "title", "url_path", "locale_id"))


def menu_current(item, page):
    """aria-current of a main-menu item: "page" on the item's own page, "true" anywhere in
    its section (a page below it in the tree), "" elsewhere or where there is no page."""
    path = getattr(page, "path", None)
    if not path:
        return ""
    if path == item.path:
        return "page"
    return "true" if path.startswith(item.path) else ""


@register.simple_tag(takes_context=True)
def main_menu_current(context, item):
    """`menu_current` for the page being shown; error pages have no `page` in the context."""
    return menu_current(item, context.get("page"))


@register.filter
def hreflang(language_code):
    """BCP 47 form of a Django language code: zh-hant → zh-Hant."""
    if "-" in language_code:
        base, rest = language_code.split("-", 1)
        return f"{base}-{rest.title()}" if len(rest) == 4 else f"{base}-{rest.upper()}"
    return language_code
