"""The sites' root paths (Wagtail's Site.get_site_root_paths, behind every page's address)
read in one query: Wagtail reads the sites, then each site's home page translations in a
query of their own, on every page a fresh worker or an emptied cache serves. Inside a GET
or HEAD request, the site is found among all sites read once with their home pages and
settings, and the root paths come from them and the home pages the router read."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

from .fragments import kept_rows
from .memo import request_memo
from .models import PortalSettings

_get_site_root_paths = Site.get_site_root_paths
_find_for_request = Site._find_for_request


def all_sites():
    """Every site with its home page and the portal's settings, in the root paths' order
    (the deepest home page first, then the default site, then by host name), read once a
    request and kept per content version (portal.fragments); None outside a request."""
    memo = request_memo("sites")
    if memo is None:
        return None
    if "all" not in memo:
        memo["all"] = kept_rows("sites", read_sites)
    return memo["all"]


def read_sites():
    sites = list(Site.objects.select_related("root_page", "portalsettings")
                 .order_by("-root_page__url_path", "-is_default_site", "hostname", "id"))
    for site in sites:
        # A site's settings are made with their defaults when first read, which changes no
        # content version: made here, so that the sites kept are kept with them.
        if site._state.fields_cache.get("portalsettings") is None:
            site._state.fields_cache["portalsettings"] = PortalSettings.for_site(site)
    return sites


def site_for_hostname(sites, hostname, port):
    """Wagtail's get_site_for_hostname among `sites`, or None."""
    def match(site):
        if site.hostname == hostname:
            if site.port == port:
                return MATCH_HOSTNAME_PORT
            if site.is_default_site:
                return MATCH_HOSTNAME_DEFAULT
            return MATCH_HOSTNAME
        return MATCH_DEFAULT

    candidates = sorted((site for site in sites
                         if site.hostname == hostname or site.is_default_site), key=match)
    if not candidates:
        return None
    if len(candidates) == 1 or match(candidates[0]) in (MATCH_HOSTNAME_PORT,
                                                        MATCH_HOSTNAME_DEFAULT):
        return candidates[0]
    if match(candidates[0]) == MATCH_DEFAULT:
        return candidates[len(candidates) == 2]
    return None


def find_for_request(request):
    """Wagtail's Site._find_for_request, among all_sites inside a request."""
    sites = all_sites()
    if sites is None:
        return _find_for_request(request)
    return site_for_hostname(sites, split_domain_port(request._get_raw_host())[0],
                             request.get_port())


def routed_root_paths():
    """The root paths from all_sites and the home pages' translations the router read
    (portal.pages.read_route), or None when they were not both read in this request."""
    sites = request_memo("sites")
    route = request_memo("route")
    if not sites or "all" not in sites or not route or "pages" not in route:
        return None
    translations = {}
    for page in sorted(route["pages"], key=lambda page: page.path):
        translations.setdefault(page.translation_key, []).append(page)
    if any(site.root_page.translation_key not in translations for site in sites["all"]):
        return None
    return [SiteRootPath(site.id, page.url_path, site.root_url, page.locale.language_code)
            for site in sites["all"] for page in translations[site.root_page.translation_key]]


# Wagtail's own tables: every site's home page joined to its translations.
ROOT_PATHS_SQL = """
    SELECT s.id, s.hostname, s.port, t.url_path, l.language_code
    FROM wagtailcore_site s
    INNER JOIN wagtailcore_page r ON s.root_page_id = r.id
    INNER JOIN wagtailcore_page t ON t.translation_key = r.translation_key
    INNER JOIN wagtailcore_locale l ON t.locale_id = l.id
    ORDER BY r.url_path DESC, s.is_default_site DESC, s.hostname ASC, s.id ASC, t.path ASC
"""


def read_site_root_paths():
    """[SiteRootPath] as Wagtail orders them (the deepest home page first, then the default
    site, then by host name; each site's translations in tree order): one query."""
    with connection.cursor() as cursor:
        cursor.execute(ROOT_PATHS_SQL)
        rows = cursor.fetchall()
    return [SiteRootPath(site_id, url_path, Site(hostname=hostname, port=port).root_url,
                         language_code)
            for site_id, hostname, port, url_path, language_code in rows]


def get_site_root_paths():
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return _get_site_root_paths()
    result = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    if result is None:
        result = routed_root_paths() or read_site_root_paths()
        # Kept as Wagtail keeps them: the same key, time and invalidation.
        cache.set(SITE_ROOT_PATHS_CACHE_KEY, result, 3600,
                  version=SITE_ROOT_PATHS_CACHE_VERSION)
        return result
    return [SiteRootPath(*root_path) for root_path in result]


def read_site_root_paths_at_once():
    """Makes Wagtail's Site.get_site_root_paths read in one query (none inside a request
    that the router served), and its Site.find_for_request read all sites once a request."""
    Site.get_site_root_paths = staticmethod(get_site_root_paths)
    Site._find_for_request = staticmethod(find_for_request)
