"""Sessions saved on every request, as SESSION_SAVE_EVERY_REQUEST did, so that a staff
session ends only after SESSION_COOKIE_AGE without activity; except where a view says that
the request is no activity worth a write (`expiry_not_pushed`)."""

_NOT_PUSHED = "_portal_session_expiry_not_pushed"


def expiry_not_pushed(request):
    """This request leaves the session's expiry where it is: saved only if it changed. For
    a page shown right after the request that wrote the session, where the push would move
    the expiry by a few milliseconds at the price of a transaction."""
    setattr(request, _NOT_PUSHED, True)


class PushExpiryMiddleware:
    """Right after Django's SessionMiddleware: marks every session that holds something as
    changed, so that SessionMiddleware saves it with a new expiry, unless the view said not
    to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not getattr(request, _NOT_PUSHED, False) and (
                not session.is_empty()):
            session.modified = True
        return response
