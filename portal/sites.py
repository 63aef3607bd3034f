"""The sites' root paths (Wagtail's Site.get_site_root_paths, behind every page's address)
read in one query: Wagtail reads the sites, then each site's home page translations in a
query of their own, on every page a fresh worker or an emptied cache serves."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from wagtail.models import Site
from wagtail.models.sites import (
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

_get_site_root_paths = Site.get_site_root_paths


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
        result = read_site_root_paths()
        # Kept as Wagtail keeps them: the same key, time and invalidation.
        cache.set(SITE_ROOT_PATHS_CACHE_KEY, result, 3600,
                  version=SITE_ROOT_PATHS_CACHE_VERSION)
        return result
    return [SiteRootPath(*root_path) for root_path in result]


def read_site_root_paths_at_once():
    """Makes Wagtail's Site.get_site_root_paths read in one query."""
    Site.get_site_root_paths = staticmethod(get_site_root_paths)
