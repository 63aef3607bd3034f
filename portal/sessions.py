"""Sessions saved on every request, as SESSION_SAVE_EVERY_REQUEST did, so that a staff
session ends only after SESSION_COOKIE_AGE without activity."""


class PushExpiryMiddleware:
    """Right after Django's SessionMiddleware: marks every session that holds something as
    changed, so that SessionMiddleware saves it with a new expiry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            session.modified = True
        return response
