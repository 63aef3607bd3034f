"""Every page's address rests on the sites' root paths, which the portal reads in one query
(portal.sites) where Wagtail reads each site's home page translations apart: the same list,
in the same order, for several sites, hosts and ports."""

from django.core.cache import cache
from wagtail.models import Page, Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from home.models import HomePage
from portal.sites import read_site_root_paths
from tests.factories import add_page


def wagtails_site_root_paths():
    return [(site.id, page.url_path, site.root_url, page.locale.language_code)
            for site in Site.objects.select_related("root_page").order_by(
                "-root_page__url_path", "-is_default_site", "hostname")
            for page in site.root_page.get_translations(inclusive=True)
            .select_related("locale").order_by("path")]


def test_the_root_paths_of_several_sites_are_wagtails_in_one_query(
        home, django_assert_num_queries):
    other = Page.get_first_root_node().add_child(
        instance=HomePage(title="第二站", slug="second", locale=home.locale))
    Site.objects.create(hostname="second.example", port=443, root_page=other)
    Site.objects.create(hostname="second.example", port=8080, root_page=other)
    Site.objects.create(hostname="deep.example", port=80,
                        root_page=add_page(home, title="深站", slug="deep"))

    with django_assert_num_queries(1):
        paths = read_site_root_paths()

    assert [tuple(path) for path in paths] == wagtails_site_root_paths()
    assert {path.language_code for path in paths} == {"zh-hant", "en"}
    assert len(paths) == 5


def test_the_root_paths_are_kept_where_wagtail_keeps_them(home, client):
    cache.clear()
    assert client.get("/").status_code == 200
    kept = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    assert [tuple(path) for path in kept] == wagtails_site_root_paths()
    assert Site.get_site_root_paths() == read_site_root_paths()
