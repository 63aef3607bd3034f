"""What is kept between requests per content version: the site's chrome, the parts of every
page that do not depend on who reads it (the header's brand, the main menu, the footer, the
links they show), rendered once per content version and shared by every anonymous reader;
and rows every request reads (sites, locales) or a form's route (portal.pages).

A kept fragment is keyed by the content version (portal.caching: every publish, unpublish,
move, snippet or setting change replaces it, so a change shows on the next request), its
name, the language, the site, the host and scheme the request came by, and whatever else
the template says it varies by (the menu items marked current, the year). Nothing is kept
or shared for a signed-in reader or a preview, and a fragment that rendered a CSRF token is
never kept: it belongs to the one reader it was rendered for. The page's own parts (its
language links, breadcrumbs, title) stay outside the fragments.

Each process also holds the fragments it used last: their keys name the content version,
so a copy is never stale, and a page's chrome costs the one read of the version instead of
a round trip to the shared cache per fragment."""

import hashlib
import pickle

from django.core.cache import cache
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from . import caching
from .memo import once_a_request, request_memo

KEY = "portal:fragment:{}"
# A bound on what an unused fragment costs the cache; a content change replaces them sooner.
SECONDS = 3600
NEEDS_UPDATE = "CSRF_COOKIE_NEEDS_UPDATE"
# A site's chrome in both languages, per menu section, is a few hundred kilobytes.
LOCAL_BYTES = 4 * 2**20

local_copies = caching.LocalCopies(
    LOCAL_BYTES, size=lambda value: len(value if isinstance(value, str) else pickle.dumps(value)))


def _cached(key):
    value = local_copies.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            local_copies.put(key, value)
    return value


def _keep(key, value):
    cache.set(key, value, SECONDS)
    local_copies.put(key, value)


def _kept(key, compute):
    value = _cached(key)
    if value is None:
        value = compute()
        _keep(key, value)
    return value


def shared(request):
    """True when the chrome this request shows is the one every anonymous reader sees."""
    if request is None or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return user is not None and not user.is_authenticated


def version():
    """The content version, read once a request and shared by everything kept per version
    (the memo starts with the one the page cache read, RequestMemoMiddleware); outside a
    request with memos, read afresh."""
    return once_a_request("kept", "version", caching.content_version)


def kept_key(name, *parts):
    """The cache key of what is kept as `name` for the content version and `parts`."""
    text = "\n".join(str(part) for part in (version(), name, *parts))
    return KEY.format(hashlib.sha256(text.encode()).hexdigest())


def kept_rows(name, compute):
    """Rows that every page reads and that only an editor's change alters (the sites with
    their home pages and settings, the locales: each such change replaces the content
    version), kept per content version; outside a request with memos, computed afresh."""
    if request_memo("kept") is None:
        return compute()
    return _kept(kept_key(f"rows:{name}"), compute)


def key(request, name, vary=()):
    """The cache key of fragment `name` for this request, or None when it may not be
    shared."""
    if not shared(request):
        return None
    site = Site.find_for_request(request)
    return kept_key(name, translation.get_language() or "",
                    site.pk if site is not None else "", request.scheme, request.get_host(),
                    *vary)


def kept(request, name, compute, vary=()):
    """What `compute()` gives, kept under fragment `name` for every anonymous reader."""
    fragment_key = key(request, name, vary)
    if fragment_key is None:
        return compute()
    return _kept(fragment_key, compute)


def render_kept(nodelist, context, name, vary=()):
    """The template nodes rendered, or the fragment kept for them; a rendering that used
    the reader's CSRF token is theirs alone and not kept."""
    request = context.get("request")
    fragment_key = key(request, name, vary)
    if fragment_key is not None:
        html = _cached(fragment_key)
        if html is not None:
            return html
    used = []
    token = context.get("csrf_token")

    def used_token():
        used.append(True)
        return str(token)

    needed_before = request is not None and request.META.get(NEEDS_UPDATE, False)
    with context.push(csrf_token=SimpleLazyObject(used_token) if token is not None else None):
        html = nodelist.render(context)
    if used or (request is not None and request.META.get(NEEDS_UPDATE, False)
                and not needed_before):
        return html
    if fragment_key is not None:
        _keep(fragment_key, html)
    return html
