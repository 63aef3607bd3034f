from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from portal import health


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: which components answer, never how they are
    configured; 503 when one is down."""
    healthy, body = health.report()
    return JsonResponse(body, status=200 if healthy else 503)


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    return HttpResponse(
        loader.render_to_string("robots.txt", {"sitemap_url": sitemap_url}),
        content_type="text/plain; charset=utf-8",
    )


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page links to: the icon
    is a static file, with the static files' long-lived address."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


def server_error(request):
    """A bilingual 500 page rendered without context, so it cannot fail in turn."""
    return HttpResponse(loader.render_to_string("500.html"), status=500)
