"""Confirmation e-mails are limited per address (nobody floods someone's mailbox through
the portal) and per requester (nobody floods the sender), with the petitions' fixed-window
counters in the cache."""

from django.shortcuts import render

from petitions.ratelimit import HOUR, hit, retry_after_seconds
from portal.security.client import client_address

from . import conf


def confirmation_refused(request, address_key):
    """Counts one confirmation e-mail asked for: None if it may be sent, else the time the
    next one may be asked for. The address is counted by its keyed hash, never written."""
    refusals = [hit(f"alerts-requester:{client_address(request)}", conf.requester_limit(),
                    HOUR),
                hit(f"alerts-address:{address_key}", conf.address_limit(), HOUR)]
    return max((when for when in refusals if when), default=None)


def too_many(request, retry_at, context):
    response = render(request, "alerts/subscribe.html", {**context, "retry_at": retry_at},
                      status=429)
    response["Retry-After"] = str(retry_after_seconds(retry_at))
    return response
