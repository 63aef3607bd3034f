"""The signed links of the e-mails: confirm (expires), unsubscribe and manage (kept, as an
e-mail is read long after it came). A link names a subscription by its id and part of its
address's keyed hash, never by the address itself, which must not reach a server's log."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from . import conf

CONFIRM, UNSUBSCRIBE, MANAGE = "alerts.confirm", "alerts.unsubscribe", "alerts.manage"


class BadLink(Exception):
    pass


class ExpiredLink(Exception):
    def __init__(self, subscription_id):
        super().__init__("expired link")
        self.subscription_id = subscription_id


def _key_part(address_key):
    return address_key[:16]


def subscription_token(subscription, salt):
    return signing.dumps([subscription.pk, _key_part(subscription.address_key)], salt=salt)


def read_subscription_token(token, salt, max_age=None):
    """(subscription id, key part); raises BadLink, or ExpiredLink past `max_age`."""
    try:
        return tuple(signing.loads(token, salt=salt, max_age=max_age))
    except signing.SignatureExpired:
        return _expired(token, salt)
    except (signing.BadSignature, TypeError, ValueError):
        raise BadLink from None


def _expired(token, salt):
    pk, _part = signing.loads(token, salt=salt)
    raise ExpiredLink(pk)


def read_confirm_token(token):
    return read_subscription_token(token, CONFIRM, max_age=conf.confirm_max_age())


def manage_token(address_key):
    return signing.dumps(address_key, salt=MANAGE)


def read_manage_token(token):
    try:
        key = signing.loads(token, salt=MANAGE)
    except signing.BadSignature:
        raise BadLink from None
    if not isinstance(key, str):
        raise BadLink
    return key


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def confirm_url(subscription):
    with translation.override(subscription.language):
        return absolute(reverse("alerts:confirm", args=[subscription_token(subscription,
                                                                           CONFIRM)]))


def manage_url(address_key, language):
    with translation.override(language):
        return absolute(reverse("alerts:manage", args=[manage_token(address_key)]))


def unsubscribe_url(subscription):
    """The one-click address (RFC 8058): outside the language prefixes, never redirected."""
    return absolute(reverse("alerts-unsubscribe",
                            args=[subscription_token(subscription, UNSUBSCRIBE)]))
