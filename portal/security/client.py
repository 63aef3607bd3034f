import ipaddress

from django.conf import settings


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
