"""Per-request memos: look-ups that several parts of a page make (the locales, the pages a
site has one of per language), answered once a request. Nothing is kept between requests,
so an editor's change shows on the next one; outside a GET or HEAD request nothing is kept
at all."""

import contextvars

_memos = contextvars.ContextVar("portal_request_memos", default=None)


def request_memo(name):
    """The request's dict called `name`, or None outside a request."""
    memos = _memos.get()
    if memos is None:
        return None
    return memos.setdefault(name, {})


class RequestMemoMiddleware:
    """Gives each GET or HEAD request empty memos, dropped when the response is made. A
    request that may change things (publishing a page, adding a locale) reads them afresh
    every time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _memos.set({})
        try:
            return self.get_response(request)
        finally:
            _memos.reset(token)
