from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Site

from portal import agencies, fragments, navigation
from portal.dates import (
    format_date_for_language,
    format_datetime_for_language,
    format_year_for_language,
    iso8601,
    roc_year,
)
from portal.i18n import alternate_url, home_url, live_translations, reached_by_fallback
from portal.models import PortalSettings

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
    if given is not None:
        return given
    page = context["page"]
    routed = navigation.routed_ancestors(page)
    return routed if routed is not None else page.get_ancestors()[1:]


@register.simple_tag(takes_context=True)
def page_alternates(context, page):
    """hreflang links for a page and its live translations, when it has any."""
    pages = live_translations(context.get("request"), page)
    if len(pages) < 2:
        return []
    request = context.get("request")
    return [{"code": other.locale.language_code, "url": other.get_full_url(request)}
            for other in pages]


@register.simple_tag(takes_context=True)
def localized_home_url(context):
    return home_url(translation.get_language(), context.get("request"))


def portal_settings(request):
    """The site's settings, read once per request (Wagtail keeps them on the request)."""
    if request is None or Site.find_for_request(request) is None:
        return None
    return PortalSettings.for_request(request)


def site_links(request):
    """(main menu, footer links) in the reader's language: the editors' (PortalSettings), the
    menu else the home page's in-menu children. Their pages are read in one query, kept on
    the request for the footer and, for anonymous readers, kept as chrome per content
    version (portal.fragments)."""
    if request is None:
        return navigation.menu_pages(request), []
    if not hasattr(request, "_portal_site_links"):
        request._portal_site_links = fragments.kept(
            request, "site-links", lambda: resolve_site_links(request))
    return request._portal_site_links


def resolve_site_links(request):
    settings_ = portal_settings(request)
    main = settings_.main_menu if settings_ is not None and settings_.main_menu else None
    footer = settings_.footer_links if settings_ is not None else None
    given = [value for value in (main, footer) if value]
    resolved = iter(navigation.resolve_link_lists(given, request) if given else [])
    menu = next(resolved) if main else navigation.menu_pages(request)
    return menu, next(resolved) if footer else []


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu in the reader's language. A constant number of queries."""
    return site_links(context.get("request"))[0]


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The footer's links (PortalSettings.footer_links) in the reader's language."""
    return site_links(context.get("request"))[1]


@register.simple_tag(takes_context=True)
def main_menu_current(context, item):
    """aria-current of a menu item for the page or view being shown; error pages have no
    `page` in the context."""
    request = context.get("request")
    return navigation.link_current(item, context.get("page"),
                                   request.path if request else "")


@register.simple_tag(takes_context=True)
def main_menu_marks(context, items):
    """The aria-current of every menu item, as one value: what the kept menu varies by."""
    return ",".join(main_menu_current(context, item) for item in items)


class KeptFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        return fragments.render_kept(self.nodelist, context, self.name.resolve(context),
                                     [value.resolve(context) for value in self.vary])


@register.tag
def keptfragment(parser, token):
    """{% keptfragment "name" value… %}…{% endkeptfragment %}: chrome that every anonymous
    reader shares, kept per content version, language and site and per each value given
    (portal.fragments). Nothing inside may depend on the page or the reader otherwise."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("keptfragment needs a name")
    nodelist = parser.parse(("endkeptfragment",))
    parser.delete_first_token()
    return KeptFragmentNode(nodelist, parser.compile_filter(bits[1]),
                            [parser.compile_filter(bit) for bit in bits[2:]])


@register.filter
def hreflang(language_code):
    """BCP 47 form of a Django language code: zh-hant → zh-Hant."""
    if "-" in language_code:
        base, rest = language_code.split("-", 1)
        return f"{base}-{rest.title()}" if len(rest) == 4 else f"{base}-{rest.upper()}"
    return language_code


@register.inclusion_tag("includes/fallback_notice.html", takes_context=True)
def fallback_notice(context):
    """On a page reached from an untranslated page by the language switcher: says so."""
    return {"shown": reached_by_fallback(context.get("request")),
            "language": dict(settings.LANGUAGES).get(translation.get_language(), "")}
