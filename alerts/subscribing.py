"""Subscribing, confirming and unsubscribing, and the deletion of what is no longer needed
(Personal Data Protection Act: kept only for the purpose stated on the form)."""

from datetime import timedelta

from django.contrib.auth.base_user import BaseUserManager
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from . import conf, tokens
from .models import Subscription


def normalise_address(email):
    """The address as given, its domain in lower case (the local part may be
    case-sensitive, and is delivered as written)."""
    return BaseUserManager.normalize_email(email.strip())


def address_key(email):
    return salted_hmac("alerts.address", email.strip().lower()).hexdigest()


def request(email, query, language, now=None):
    """The subscription of `email` to `query`, waiting for confirmation; an existing one is
    reused (asked for again, it waits again if it had ended; one already confirmed stays
    as it is, whoever asks)."""
    now = now or timezone.now()
    email = normalise_address(email)
    key = address_key(email)
    subscription = Subscription.objects.filter(address_key=key, query=query).first()
    if subscription is None:
        try:
            with transaction.atomic():
                return Subscription.objects.create(email=email, address_key=key, query=query,
                                                   language=language, created_at=now)
        except IntegrityError:  # asked for twice at once
            subscription = Subscription.objects.get(address_key=key, query=query)
    if not subscription.active:
        subscription.email, subscription.language = email, language
        subscription.created_at, subscription.confirmed_at = now, None
        subscription.unsubscribed_at = None
        subscription.save()
    return subscription


def _subscription(pk, key_part):
    subscription = Subscription.objects.filter(pk=pk).first()
    if subscription is None or not subscription.address_key.startswith(key_part):
        raise tokens.BadLink
    return subscription


def to_confirm(token):
    """The subscription the confirmation link names. Raises tokens.BadLink, or
    tokens.ExpiredLink (with the subscription's id) once the link is too old."""
    return _subscription(*tokens.read_confirm_token(token))


def confirm(token, now=None):
    """The subscription the confirmation link names, confirmed (raises as to_confirm)."""
    subscription = to_confirm(token)
    if subscription.confirmed_at is None or subscription.unsubscribed_at:
        subscription.confirmed_at = now or timezone.now()
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscription


def from_unsubscribe_token(token):
    return _subscription(*tokens.read_subscription_token(token, tokens.UNSUBSCRIBE))


def unsubscribe(subscriptions, now=None):
    """Ends the given subscriptions (a queryset); the digest stops at once and the rows go
    after the retention period."""
    return subscriptions.filter(unsubscribed_at=None).update(
        unsubscribed_at=now or timezone.now())


def of_address(key):
    return Subscription.objects.filter(address_key=key).order_by("created_at", "pk")


def delete_expired(now=None):
    """Deletes subscriptions ended, or never confirmed, more than the retention period ago
    (their deliveries with them); returns how many."""
    limit = (now or timezone.now()) - timedelta(days=conf.retention_days())
    expired = (Subscription.objects.filter(unsubscribed_at__lt=limit)
               | Subscription.objects.filter(confirmed_at=None, created_at__lt=limit))
    _total, by_model = Subscription.objects.filter(pk__in=expired.values("pk")).delete()
    return by_model.get(Subscription._meta.label, 0)
