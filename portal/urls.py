from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from portal import extensions, views
from portal.api import api_router
from portal.openapi import openapi_json
from portal.sitemaps import BilingualSitemap

handler400 = "portal.security.limits.bad_request"
handler500 = "portal.views.server_error"

SITEMAPS = {"pages": BilingualSitemap}

# Machine interfaces: outside i18n_patterns, so they never redirect. Apps add theirs (APIs,
# feeds, downloads) as MACHINE_URLS hooks: lists of URL patterns, in INSTALLED_APPS order.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/openapi.json", openapi_json, name="openapi"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS,
                                              "sitemap_url_name": "sitemap-section"}),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS},
         name="sitemap-section"),
    path("robots.txt", views.robots_txt),
    path("favicon.ico", views.favicon),
    path("healthz", views.healthz, name="healthz"),
    *extensions.collect(extensions.MACHINE_URLS),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages: Chinese at "/", English under "/en/". Apps add language-prefixed views (such as
# /search/ and /en/search/) as PAGE_URLS hooks; they come before Wagtail's catch-all.
urlpatterns += i18n_patterns(
    *extensions.collect(extensions.PAGE_URLS),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
