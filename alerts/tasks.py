"""The alerts' e-mails and scheduled jobs as Django tasks (portal/scheduler.py)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from . import conf, queries, subscribing, tokens
from .digest import send_digests
from .models import Subscription

logger = logging.getLogger(__name__)


@task()
def send_confirmation(subscription_id):
    """The double opt-in e-mail, with a link that expires. Its token is made here, so it
    is never stored, not even in the queue."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return
    with translation.override(subscription.language):
        text = render_to_string("alerts/email/confirm.txt", {
            "link": tokens.confirm_url(subscription),
            "hours": conf.confirm_max_age() // 3600,
            "retention_days": conf.retention_days(),
            "search": queries.describe(queries.parse(subscription.query),
                                       queries.type_names())})
    subject, _newline, body = text.partition("\n")
    try:
        send_mail(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL,
                  [subscription.email])
    except Exception as error:
        # Not the server's message: it may quote the address. Asking again sends a new one.
        logger.error("alerts: confirmation for subscription %s not sent: %s",
                     subscription.pk, type(error).__name__)


@task()
def send_gazette_digests():
    """The digests of the issues that went live (digest.py); counts only, no address."""
    outcome = send_digests()
    return {"issues": outcome.issues, "sent": outcome.sent, "failed": outcome.failed,
            "nothing": outcome.nothing, "queries": outcome.queries}


@task()
def delete_expired_subscriptions():
    """Unsubscribed and never-confirmed addresses, ALERTS_RETENTION_DAYS on."""
    return subscribing.delete_expired()
