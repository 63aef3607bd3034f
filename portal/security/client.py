import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

UNCOUNTED_PROXY_KEY = "portal:security:uncounted-proxy"


def client_address(request):
    """The client's IP address. Behind PORTAL_TRUSTED_PROXY_COUNT proxies, each of which
    appends the address it saw to X-Forwarded-For, that is the entry this many places from
    the right; entries further left are whatever the client chose to send."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PORTAL_TRUSTED_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            try:
                return str(ipaddress.ip_address(hops[-proxies]))
            except ValueError:
                pass
    return remote


def through_uncounted_proxy(request):
    """True when a request comes from a private or loopback address with X-Forwarded-For
    while no proxy is counted: then a proxy is in front, and every client shares its address
    for the sign-in lockout and the intake rate limits. A client on the internet sending the
    header itself comes from a public address, and is rightly not believed."""
    if settings.PORTAL_TRUSTED_PROXY_COUNT or "HTTP_X_FORWARDED_FOR" not in request.META:
        return False
    try:
        remote = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return remote.is_private or remote.is_loopback


class UncountedProxyMiddleware:
    """Says so in the error log, at most once an hour across workers sharing the cache, when
    the deployment forgot TRUSTED_PROXY_COUNT: the settings cannot see the proxy, requests can."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if through_uncounted_proxy(request) and cache.add(UNCOUNTED_PROXY_KEY, True, 3600):
            logger.error(
                "Requests arrive through a proxy (X-Forwarded-For from a private address) but "
                "TRUSTED_PROXY_COUNT is 0: all clients share the proxy's address for the "
                "sign-in lockout and the rate limits. Set TRUSTED_PROXY_COUNT (README, "
                "Production deployment).")
        return self.get_response(request)
