from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from portal import views
from portal.api import api_router
from portal.openapi import openapi_json
from portal.sitemaps import BilingualSitemap

handler400 = "portal.security.limits.bad_request"
handler500 = "portal.views.server_error"

SITEMAPS = {"pages": BilingualSitemap}

# Machine interfaces: outside i18n_patterns, so they never redirect.
# Apps add their machine routes (APIs, feeds, downloads) to this list, one line each.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/openapi.json", openapi_json, name="openapi"),
    path("api/gazette/", include("bulletin.urls")),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS,
                                              "sitemap_url_name": "sitemap-section"}),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS},
         name="sitemap-section"),
    path("robots.txt", views.robots_txt),
    path("healthz", views.healthz, name="healthz"),
    path("cases/files/", include("petitions.admin_urls")),
    path("open311/v2/", include("petitions.open311_urls")),
    path("", include("opendata.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages: Chinese at "/", English under "/en/". Apps add language-prefixed views (such as
# /search/ and /en/search/) above Wagtail's catch-all, one line each.
urlpatterns += i18n_patterns(
    path("", include("bulletin.page_urls")),
    path("", include("sistercities.page_urls")),
    path("", include("consumer.page_urls")),
    path("cases/", include("petitions.urls")),
    path("search/", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
