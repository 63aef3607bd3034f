"""The officers' daily digest: each officer gets the overdue cases and those due soon among
the cases they may see (permissions.visible_cases), by case number and admin link only.
Nothing a citizen wrote (name, subject, text) goes into an e-mail, which leaves the portal."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from . import domain
from .permissions import visible_cases

logger = logging.getLogger(__name__)


def officers():
    """Active members of an officer group who have an e-mail address."""
    return (get_user_model().objects
            .filter(is_active=True, groups__petitions_scope__isnull=False)
            .exclude(email="").distinct().order_by("pk"))


def due_cases(user, today, near_days):
    """(overdue, due soon) among the cases `user` may see, earliest deadline first."""
    cases = visible_cases(user).only("pk", "number", "kind", "deadline", "status")
    overdue = list(cases.filter(domain.overdue_q(today)).order_by("deadline", "number"))
    soon = list(cases.filter(domain.due_soon_q(today, near_days)).order_by("deadline", "number"))
    return overdue, soon


def case_link(case):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("cases:inspect", args=[case.pk])


def render_digest(user, overdue, soon):
    """(subject, body) in the officer's admin language."""
    language = UserProfile.get_for_user(user).get_preferred_language()
    with translation.override(language):
        text = render_to_string("petitions/email/digest.txt", {
            "overdue": [(case, case_link(case)) for case in overdue],
            "soon": [(case, case_link(case)) for case in soon],
            "total": len(overdue) + len(soon),
        })
    subject, _newline, body = text.partition("\n")
    return subject.strip(), body.strip() + "\n"


def send_digests(today=None):
    """One e-mail to each officer with something overdue or due soon; returns how many were
    sent. A failed send is logged and the others still go."""
    today = today or timezone.localdate()
    near_days = domain.near_days_by_kind()
    sent = 0
    for user in officers():
        overdue, soon = due_cases(user, today, near_days)
        if not overdue and not soon:
            continue
        subject, body = render_digest(user, overdue, soon)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except Exception as error:  # noqa: BLE001 - one officer's mail must not stop the rest
            # The server's message may quote the address; the user id is enough to find it.
            logger.error("deadline digest for user %s not sent: %s", user.pk,
                         type(error).__name__)
            continue
        sent += 1
    return sent
