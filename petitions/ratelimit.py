"""Per-address rate limits in Django's cache (shared across workers when the cache is)."""

from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.security.client import client_address


def exceeded(request, scope, limit, window_seconds):
    """Count this request; True once the address has made more than `limit` in the window."""
    key = f"petitions:rl:{scope}:{client_address(request)}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit


def too_many(request):
    response = render(request, "petitions/429.html",
                      {"message": _("Too many requests from your address. Please wait a while "
                                    "and try again.")}, status=429)
    response["Retry-After"] = "600"
    return response
