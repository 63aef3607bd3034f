"""Per-request memos: look-ups that several parts of a page make (the locales, the pages a
site has one of per language), answered once a request. Nothing is kept between requests,
so an editor's change shows on the next one; outside a GET or HEAD request nothing is kept,
except for a form sent to a public page (an intake form): its view reads the same site,
route and locales as the GET that showed the form and changes none of them."""

import contextvars

_memos = contextvars.ContextVar("portal_request_memos", default=None)


def request_memo(name):
    """The request's dict called `name`, or None outside a request."""
    memos = _memos.get()
    if memos is None:
        return None
    return memos.setdefault(name, {})


def once_a_request(name, key, compute):
    """What `compute()` gives, kept in the request's memo `name` under `key`: computed once
    a request, and afresh each time outside one."""
    memo = request_memo(name)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


class RequestMemoMiddleware:
    """Gives each GET or HEAD request empty memos, dropped when the response is made. A
    request that may change things (publishing a page, adding a locale) reads them afresh
    every time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            memos = {}
            if (version := getattr(request, "page_cache_version", None)) is not None:
                # Read by the page cache already: what is kept per content version uses it.
                memos["kept"] = {"version": version}
            request._portal_memos_token = _memos.set(memos)
        try:
            return self.get_response(request)
        finally:
            if (token := getattr(request, "_portal_memos_token", None)) is not None:
                _memos.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A POST to a public page (Wagtail's serve view, never the admin's) is routed with
        memos too: 3 queries fewer for each intake form sent."""
        match = request.resolver_match
        if request.method == "POST" and match and match.url_name == "wagtail_serve":
            request._portal_memos_token = _memos.set({})
