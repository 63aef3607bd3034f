"""Subscriptions to a gazette search, and which issue's digest each was sent.

A subscription keeps the address, the search (the gazette's own query string, normalised:
queries.py) and the language it was made in, and when it was asked for, confirmed and
ended; nothing else about the subscriber (no name, no client address)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    email = models.EmailField(_("e-mail address"))
    # A keyed hash of the address in lower case: finds one address's subscriptions and
    # counts its confirmations without writing the address into a link or the cache.
    address_key = models.CharField(max_length=64, db_index=True, editable=False)
    query = models.TextField(_("search"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("asked for"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("gazette alert subscription")
        verbose_name_plural = _("gazette alert subscriptions")
        constraints = [models.UniqueConstraint(fields=["address_key", "query"],
                                               name="alerts_one_subscription_per_search")]
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at"],
                                name="alerts_active_subscriptions")]

    def __str__(self):
        return f"subscription {self.pk}"

    @property
    def active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None


class DeliveryStatus(models.TextChoices):
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed, to be retried")
    GAVE_UP = "gave_up", _("given up")
    NOTHING = "nothing", _("nothing matched")


class Delivery(models.Model):
    """One subscription's digest of one issue: claimed before it is sent, so that a rerun
    never sends it twice, and kept as failed (retried by a later run) when the send fails."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE,
                                     related_name="deliveries")
    issue = models.ForeignKey("bulletin.GazetteIssuePage", on_delete=models.CASCADE,
                              related_name="+")
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices)
    # The run that claimed it: two runs at once (a slow one and the next) never both send.
    run = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    documents = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("gazette alert delivery")
        constraints = [models.UniqueConstraint(fields=["subscription", "issue"],
                                               name="alerts_one_delivery_per_issue")]

    def __str__(self):
        return f"delivery {self.pk}"
