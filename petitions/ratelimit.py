"""Rate limits in Django's cache (shared across workers when the cache is). Counts run in fixed
windows (an hour starting on the hour, ten minutes starting on the ten), so a refusal can
say exactly when the next window opens."""

import contextlib
import datetime
import math
import time

from django.core.cache import cache
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from portal.security.client import client_address

from . import conf

HOUR = 3600


def _window(key, window_seconds, now):
    """(cache key, end) of `key`'s current window."""
    start = int(now // window_seconds) * window_seconds
    return f"petitions:rl:{key}:{start}", start + window_seconds


def hit(key, limit, window_seconds, now=None):
    """Count one more for `key` in the current window. Over `limit`: the (aware) time the
    window ends, when the next one may try; else None."""
    now = time.time() if now is None else now
    cache_key, ends = _window(key, window_seconds, now)
    # Kept a little past the window's end, so that no clock skew lets it restart early.
    timeout = int(ends - now) + 60
    # One round trip for a window's first hit, which most are: one address, one person.
    if cache.add(cache_key, 1, timeout):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout)
            count = 1
    return datetime.datetime.fromtimestamp(ends, datetime.UTC) if count > limit else None


def unhit(key, window_seconds):
    """Take back one that `hit` counted for `key` in the current window."""
    cache_key, _ends = _window(key, window_seconds, time.time())
    with contextlib.suppress(ValueError):  # the window has just ended: nothing to take back
        cache.decr(cache_key)


def exceeded(request, scope, limit, window_seconds):
    """Count this request against its client address: when over, the time to try again."""
    return hit(f"{scope}:{client_address(request)}", limit, window_seconds)


def person_key(email, phone):
    """Who sends a form, as far as the form says: the e-mail address, else the phone's
    digits. Keyed, so that no address or number is written into the cache."""
    who = (email or "").strip().lower() or "".join(ch for ch in phone or "" if ch.isdigit())
    return salted_hmac("petitions.ratelimit.person", who).hexdigest()


def submission_refused(request, email, phone):
    """Count one valid submission. A school or an office sends many people's forms from one
    address, so that address has a generous limit (PETITIONS_SUBMIT_LIMIT); each person has
    a tight one of their own (PETITIONS_SUBMIT_PERSON_LIMIT). A flood is stopped by the first
    whatever names it gives, one person's repeats by the second. None if accepted, else the
    time to try again."""
    address, person = _submission_keys(request, email, phone)
    refusals = [hit(address, conf.submit_limit(), HOUR),
                hit(person, conf.submit_person_limit(), HOUR)]
    return max((when for when in refusals if when), default=None)


def submission_withdrawn(request, email, phone):
    """Take back what submission_refused counted, for a form that made no case: one sent
    again (a double click, the back button) is not a new submission."""
    for key in _submission_keys(request, email, phone):
        unhit(key, HOUR)


def _submission_keys(request, email, phone):
    return (f"submit:{client_address(request)}",
            f"submit-person:{person_key(email, phone)}")


def retry_after_seconds(retry_at):
    return max(1, math.ceil(retry_at.timestamp() - time.time()))


def too_many(request, retry_at):
    response = render(request, "petitions/429.html", {"retry_at": retry_at}, status=429)
    response["Retry-After"] = str(retry_after_seconds(retry_at))
    return response
