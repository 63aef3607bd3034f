"""HTTP caching of the public site, decided in one place.

Every response gets a Cache-Control: anonymous GETs of public content are `public` for a
short, configurable time; anything that depends on who asks (a signed-in user, a session,
a cookie set in the response such as a form's CSRF token, a preview, a POST) is `private,
no-store`; errors and redirects are `private, no-cache`. A view that sets Cache-Control
itself (the intake confirmation, tracking, robots.txt, /healthz) keeps its own.

On top of that, the server keeps whole pages for anonymous visitors (the portal's pages
take 20–45 queries each to render), keyed by URL and by a content version that every
publish, unpublish, move, snippet or setting change replaces; see `bump_content_version`.
A kept page is stored as its bytes and headers and answered before Django's request cycle
(`PageCacheApplication` in portal/wsgi.py, `PageCacheMiddleware` first in MIDDLEWARE), from
a copy in the worker's memory when the content version in the shared cache still matches.
"""

import functools
import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from http import HTTPStatus

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.urls import get_urlconf
from django.utils.cache import cc_delim_re, patch_cache_control
from wagtail.models import get_page_models

from . import extensions
from .logs import REQUEST_ID_HEADER, request_id
from .security.client import through_uncounted_proxy

VERSION_KEY = "portal:pages:version"
ENTRY_KEY = "portal:pages:{}"
STATUS_HEADER = "X-Page-Cache"

# Views whose anonymous responses the server keeps: pages, the feeds of listing pages (which
# their models name in `purge_feed_url_names`, so that a publish purges them from the
# front-end cache too) and the views named (by URL name) in CACHED_VIEWS hooks, such as the
# sitemap. The machine interfaces (APIs, Open311, CKAN) answer from data that changes
# without a publish.
PAGES = "wagtail_serve"


@functools.cache
def page_feeds():
    return {name for model in get_page_models()
            for name in getattr(model, "purge_feed_url_names", ())}


def cached_views():
    return {PAGES, *page_feeds(), *extensions.collect(extensions.CACHED_VIEWS)}


PERSONAL = {"private": True, "no_store": True}
NOT_SHARED = {"private": True, "no_cache": True}


def carries_personal_cookies(request):
    """A session (sign-in, a page password) or pending messages make the answer personal."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def is_personal(request, response):
    if request.method not in ("GET", "HEAD"):
        return True  # a POST's answer echoes what was sent
    if getattr(request, "is_preview", False) or carries_personal_cookies(request):
        return True
    if response.cookies:  # a CSRF token for a form, a new session
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


def cache_directives(request, response):
    """The Cache-Control directives for a response whose view set none."""
    if is_personal(request, response):
        return PERSONAL
    if response.status_code != 200:
        return NOT_SHARED
    return {"public": True, "max_age": settings.PORTAL_CACHE_MAX_AGE,
            "s_maxage": settings.PORTAL_CACHE_S_MAXAGE}


def language_from_path_only():
    """True when every URL names its language (by prefix, or by having none for the
    default) so that Accept-Language never changes an answer."""
    used, prefixed_default = is_language_prefix_patterns_used(
        get_urlconf() or settings.ROOT_URLCONF)
    return used and not prefixed_default


def drop_vary(response, header):
    if response.has_header("Vary"):
        kept = [value for value in cc_delim_re.split(response["Vary"])
                if value and value.lower() != header.lower()]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


def content_version(version=None):
    """The current version, or a first one when the cache has none (it was cleared). A cache
    that keeps nothing (DummyCache) gives a new version each time, so nothing kept is used."""
    if version is None:
        version = cache.get(VERSION_KEY)
    if version is None:
        first = uuid.uuid4().hex
        cache.add(VERSION_KEY, first, None)
        version = cache.get(VERSION_KEY) or first
    return version


def bump_content_version(**kwargs):
    """Every page kept so far becomes stale. A signal receiver: takes any arguments."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def entry_key(request):
    return url_key(request.build_absolute_uri())


def url_key(url):
    return ENTRY_KEY.format(hashlib.sha256(url.encode()).hexdigest())


class PageCacheMiddleware:
    """Answers a kept page before any other middleware runs, from the bytes and headers
    stored when it was rendered, so that a hit costs one look-up of the content version and
    touches neither the session, the user, the locale nor the database. It is first in
    MIDDLEWARE so that what it stores carries every header the others add: the request id
    is made afresh (`hit_headers`), and requests whose answer the others would change (a
    CORS origin, a redirect to HTTPS, a proxy to report) go through them
    (`may_serve_from_cache`). CachingMiddleware, further in, decides what may be kept.
    gunicorn reaches it through PageCacheApplication, which answers hits before Django's
    handler runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        looked_up = request.META.pop(LOOKED_UP, None)  # by PageCacheApplication
        if looked_up is None:
            if not may_serve_from_cache(request):
                return self.get_response(request)
            key = entry_key(request)
            # Read before rendering: a publish during the render leaves the entry stale.
            version, entry = look_up(key)
            if entry is not None:
                return answer(request, entry)
        else:
            key, version = looked_up
        request.page_cache_version = version
        response = self.get_response(request)
        if getattr(request, "page_cache_keep", False):
            store(key, version, response)
            response[STATUS_HEADER] = "miss"
        return response


def may_serve_from_cache(request):
    return (
        settings.PORTAL_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.path_info.startswith(settings.STATIC_URL)  # WhiteNoise's
        and not carries_personal_cookies(request)
        # Answered by the middleware further in, per request: a CORS request (the answer
        # names its origin), a redirect to HTTPS, a proxy to report.
        and "HTTP_ORIGIN" not in request.META
        and not (settings.SECURE_SSL_REDIRECT and not request.is_secure())
        and not through_uncounted_proxy(request)
    )


# Headers that belong to one response, never stored.
PER_RESPONSE = {REQUEST_ID_HEADER.lower(), STATUS_HEADER.lower()}


def store(key, version, response, seconds=None):
    """Keeps the response under `key` for the content `version`, `seconds` at most (the
    page cache's own setting unless given)."""
    seconds = settings.PORTAL_PAGE_CACHE_SECONDS if seconds is None else seconds
    entry = (version, time.time() + seconds, response.status_code,
             [(name, value) for name, value in response.items()
              if name.lower() not in PER_RESPONSE],
             response.content)
    cache.set(key, entry, seconds)
    local_copies.put(key, entry)


def look_up(key):
    """(current version, the kept entry of that version or None). One round trip to the
    shared cache, two when this process holds a copy gone stale."""
    entry = local_copies.get(key)
    if entry is not None:
        version = cache.get(VERSION_KEY)
        if version is not None and fresh(entry, version):
            return version, entry
    found = cache.get_many([VERSION_KEY, key])
    version = content_version(found.get(VERSION_KEY))
    entry = found.get(key)
    if fresh(entry, version):
        local_copies.put(key, entry)
        return version, entry
    return version, None


def fresh(entry, version):
    return entry is not None and entry[0] == version and entry[1] > time.time()


def answer(request, entry):
    _version, _expires, status, headers, body = entry
    response = HttpResponse(body, status=status)
    for name, value in hit_headers(request, headers):
        response[name] = value
    return response


def hit_headers(request, headers):
    # X-Request-ID as RequestIdMiddleware would send it: the id given by the proxy in front.
    return [*headers, (STATUS_HEADER, "hit"), (REQUEST_ID_HEADER, request_id(request))]


LOOKED_UP = "portal.page_cache"


class PageCacheApplication:
    """Wraps the WSGI application: answers a kept page before Django's handler builds its
    request cycle (signals, URL prefix, the middleware chain), as PageCacheMiddleware would.
    A miss goes on to Django with what was looked up, so that it is not looked up twice."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET":
            return self.application(environ, start_response)
        # On a copy: a request decodes the path into the environ it is given, where Django's
        # handler expects it still encoded.
        request = WSGIRequest(dict(environ))
        try:
            servable = may_serve_from_cache(request)
            key = servable and entry_key(request)
        except DisallowedHost:
            servable = False  # Django answers it with a 400
        if servable:
            version, entry = look_up(key)
            if entry is None:
                environ[LOOKED_UP] = (key, version)
            else:
                _version, _expires, status, headers, body = entry
                start_response(f"{status} {HTTPStatus(status).phrase}",
                               hit_headers(request, headers))
                return [body]
        return self.application(environ, start_response)


class LocalCopies:
    """What this process used last from the shared cache, at most `budget` bytes as
    `size(entry)` counts them, least recently used dropped first: the pages it served
    (a hit needs the shared cache only to check the content version, not to fetch the
    page) and the fragments kept per content version (portal.fragments)."""

    def __init__(self, budget, size):
        self.budget = budget
        self.size = size
        self.used = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()  # gthread workers serve requests in threads

    def get(self, key):
        with self.lock:
            kept = self.entries.get(key)
            if kept is None:
                return None
            self.entries.move_to_end(key)
            return kept[1]

    def put(self, key, entry):
        size = self.size(entry)
        if size > self.budget:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.used -= old[0]
            self.entries[key] = (size, entry)
            self.used += size
            while self.used > self.budget:
                _key, (dropped, _entry) = self.entries.popitem(last=False)
                self.used -= dropped


local_copies = LocalCopies(settings.PORTAL_PAGE_CACHE_LOCAL_BYTES,
                           size=lambda entry: len(entry[4]))


class CachingMiddleware:
    """Sets Cache-Control and Vary on every response and says which anonymous pages
    PageCacheMiddleware keeps. Sits outside the session, CSRF and locale middleware so
    that it sees the cookies and Vary headers they add."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if language_from_path_only():
            drop_vary(response, "Accept-Language")
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, **cache_directives(request, response))
        if hasattr(request, "page_cache_version") and self.keeps(request, response):
            request.page_cache_keep = True
        return response

    @staticmethod
    def keeps(request, response):
        match = getattr(request, "resolver_match", None)
        return (
            match is not None
            and match.url_name in cached_views()
            and response.status_code == 200
            and not response.streaming
            and not is_personal(request, response)
            and "public" in response.get("Cache-Control", "")
        )
