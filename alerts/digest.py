"""The digest: after a gazette issue goes live (a reviewer's approval or its scheduled
time), each confirmed subscriber gets one e-mail with that issue's documents their search
matches, in the language they subscribed in.

Cost does not grow with subscribers per query: each distinct search is evaluated once per
issue (a subscription stores the normalised query, so people following one search share
it), the subscriptions and their deliveries are read in one query each, deliveries are
claimed and settled in bulk, and every message goes through one SMTP connection.

A delivery row is claimed (status "sending", with this run's token) before its e-mail is
sent, so a rerun, or a second run at the same time, never sends it again. A failed send is
marked "failed" and retried by a later run, up to ALERTS_MAX_ATTEMPTS; the loop goes on
with the others."""

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Case, F, Q, Value, When
from django.template.loader import render_to_string
from django.utils import timezone, translation

from bulletin.models import GazetteIssuePage, public_documents, reading_addresses
from portal import agencies
from portal.i18n import default_language
from portal.pages import open_to_all
from portal.params import ParamErrors

from . import conf, queries, tokens
from .models import Delivery, DeliveryStatus, Subscription

logger = logging.getLogger(__name__)

# A claim older than this was left by a run that stopped (a worker killed mid-send): its
# digest is sent again rather than lost.
STALE_CLAIM = timedelta(hours=1)
MANAGE_MARK, UNSUBSCRIBE_MARK = "\x00manage\x00", "\x00unsubscribe\x00"


@dataclass
class Outcome:
    issues: int = 0
    sent: int = 0
    failed: int = 0
    nothing: int = 0
    queries: int = 0


def issues_due(now):
    """Live, public issues that went live within the window, oldest first. An issue's
    publication date must be recent too: importing a back catalogue sends nothing."""
    since = now - timedelta(days=conf.digest_window_days())
    return list(open_to_all(GazetteIssuePage.objects.live())
                .filter(locale__language_code=default_language(),
                        first_published_at__gte=since, first_published_at__lte=now,
                        publication_date__gte=timezone.localdate(now) - timedelta(
                            days=conf.digest_window_days()))
                .order_by("first_published_at", "pk"))


def send_digests(now=None):
    """Sends every digest due; returns an Outcome (counts, no addresses)."""
    now = now or timezone.now()
    outcome = Outcome()
    issues = issues_due(now)
    if not issues:
        return outcome
    # One connection for every message: send_messages() opens and closes one per call
    # unless it is already open.
    connection = get_connection()
    connection.open()
    try:
        for issue in issues:
            outcome.issues += 1
            send_issue(issue, now, connection, outcome)
    finally:
        try:
            connection.close()
        except Exception:  # a broken connection cannot fail the run after its sends
            logger.warning("alerts: closing the SMTP connection failed")
    return outcome


def _due_subscriptions(issue, now):
    """(subscription, its delivery or None) of the confirmed subscriptions that have not
    had this issue's digest: never tried, failed and not given up, or claimed by a run
    that stopped."""
    settled = Delivery.objects.filter(issue=issue).filter(
        Q(status__in=[DeliveryStatus.SENT, DeliveryStatus.NOTHING, DeliveryStatus.GAVE_UP])
        | Q(status=DeliveryStatus.SENDING, updated_at__gte=now - STALE_CLAIM))
    subscriptions = list(
        Subscription.objects.filter(confirmed_at__lte=issue.first_published_at,
                                    unsubscribed_at=None)
        .exclude(pk__in=settled.values("subscription_id"))
        .only("pk", "email", "address_key", "query", "language"))
    return subscriptions


def _claim(issue, wanted, now, run):
    """Claims the deliveries of `wanted` ({subscription id: documents}) for this run; the
    ids claimed. New rows are created, failed and stale ones taken over; a row another run
    claimed meanwhile is left to it."""
    Delivery.objects.bulk_create(
        [Delivery(subscription_id=pk, issue=issue, status=DeliveryStatus.SENDING, run=run,
                  documents=count, updated_at=now) for pk, count in wanted.items()],
        ignore_conflicts=True)
    Delivery.objects.filter(issue=issue, subscription_id__in=list(wanted)).filter(
        Q(status=DeliveryStatus.FAILED)
        | Q(status=DeliveryStatus.SENDING, updated_at__lt=now - STALE_CLAIM)).update(
        status=DeliveryStatus.SENDING, run=run, updated_at=now)
    return set(Delivery.objects.filter(issue=issue, run=run, status=DeliveryStatus.SENDING)
               .values_list("subscription_id", flat=True))


def _evaluate(issue, subscriptions, outcome):
    """{query: [document pk, ...]} for each distinct query, in the issue's order, and
    {query: its Conditions}."""
    matches, parsed = {}, {}
    document_ids, found_by_term = queries.issue_documents(issue), {}
    for query in {subscription.query for subscription in subscriptions}:
        outcome.queries += 1
        try:
            conditions = queries.parse(query)
        except ParamErrors:
            # Stored normalised, so only a change to the gazette's conditions gets here.
            logger.error("alerts: a stored query no longer parses")
            matches[query] = []
            continue
        parsed[query] = conditions
        matches[query] = queries.matching(conditions, issue, document_ids, found_by_term)
    return matches, parsed


def send_issue(issue, now, connection, outcome):
    subscriptions = _due_subscriptions(issue, now)
    if not subscriptions:
        return
    matches, parsed = _evaluate(issue, subscriptions, outcome)
    empty = [s.pk for s in subscriptions if not matches[s.query]]
    if empty:
        Delivery.objects.bulk_create(
            [Delivery(subscription_id=pk, issue=issue, status=DeliveryStatus.NOTHING,
                      updated_at=now) for pk in empty], ignore_conflicts=True)
        Delivery.objects.filter(issue=issue, subscription_id__in=empty).update(
            status=DeliveryStatus.NOTHING, updated_at=now)
        outcome.nothing += len(empty)
    run = secrets.token_hex(16)
    wanted = {s.pk: len(matches[s.query]) for s in subscriptions if matches[s.query]}
    if not wanted:
        return
    claimed = _claim(issue, wanted, now, run)
    bodies = Bodies(issue, matches, parsed)
    failed = []
    for subscription in subscriptions:
        if subscription.pk not in claimed:
            continue
        message = bodies.message(subscription, connection)
        try:
            if connection.send_messages([message]) != 1:
                raise RuntimeError("not sent")
        except Exception as error:
            # The server's own message may quote the address: only its kind is logged.
            code = getattr(error, "smtp_code", None)
            logger.error("alerts: digest of issue %s to subscription %s not sent: %s%s",
                         issue.pk, subscription.pk, type(error).__name__,
                         f" {code}" if code else "")
            failed.append(subscription.pk)
            _reset(connection)
    Delivery.objects.filter(issue=issue, run=run, status=DeliveryStatus.SENDING).exclude(
        subscription_id__in=failed).update(status=DeliveryStatus.SENT, attempts=F("attempts") + 1,
                                           updated_at=timezone.now())
    if failed:
        Delivery.objects.filter(issue=issue, run=run, subscription_id__in=failed).update(
            attempts=F("attempts") + 1, updated_at=timezone.now(),
            status=Case(When(attempts__gte=conf.max_attempts() - 1,
                             then=Value(DeliveryStatus.GAVE_UP)),
                        default=Value(DeliveryStatus.FAILED)))
    outcome.sent += len(claimed) - len(failed)
    outcome.failed += len(failed)


def _reset(connection):
    """After a failure the connection may be in any state: start the next send afresh."""
    try:
        connection.close()
    except Exception:
        logger.warning("alerts: closing the SMTP connection failed")
    try:
        connection.open()
    except Exception:
        # The next send opens its own connection (and fails on its own if it must).
        logger.warning("alerts: reopening the SMTP connection failed")


class Bodies:
    """Each (query, language)'s subject and body, rendered once; the personal links are
    put in per subscriber."""

    def __init__(self, issue, matches, parsed):
        self.issue, self.matches, self.parsed = issue, matches, parsed
        wanted = {pk for pks in matches.values() for pk in pks}
        self.documents = {document.pk: document for document in public_documents()
                          .filter(pk__in=wanted)
                          .select_related("document_type__parent", "agency")}
        self.addresses = {}
        self.rendered = {}
        self.type_names = {}

    def _permalinks(self, language):
        if language not in self.addresses:
            found = reading_addresses(language, self.documents.values())
            if not found:  # no gazette index in that language: read in the default one
                found = reading_addresses(default_language(), self.documents.values())
            self.addresses[language] = {pk: tokens.absolute(url) if url.startswith("/")
                                        else url for pk, url in found.items()}
        return self.addresses[language]

    def render(self, query, language):
        key = (query, language)
        if key not in self.rendered:
            with translation.override(language):
                if language not in self.type_names:
                    self.type_names[language] = queries.type_names()
                links = self._permalinks(language)
                names = agencies.names_by_code()
                documents = [
                    {"title": document.display_title,
                     "type": document.document_type.display_name,
                     "agency": names.get(document.agency.code, document.agency.name),
                     "number": document.document_number,
                     "link": links.get(document.pk, "")}
                    for document in (self.documents[pk] for pk in self.matches[query])]
                text = render_to_string("alerts/email/digest.txt", {
                    "issue": self.issue, "documents": documents,
                    "search": queries.describe(self.parsed[query], self.type_names[language]),
                    "manage_url": MANAGE_MARK, "unsubscribe_url": UNSUBSCRIBE_MARK})
            subject, _newline, body = text.partition("\n")
            self.rendered[key] = (subject.strip(), body.strip() + "\n")
        return self.rendered[key]

    def message(self, subscription, connection):
        subject, body = self.render(subscription.query, subscription.language)
        unsubscribe = tokens.unsubscribe_url(subscription)
        manage = tokens.manage_url(subscription.address_key, subscription.language)
        body = body.replace(MANAGE_MARK, manage).replace(UNSUBSCRIBE_MARK, unsubscribe)
        return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [subscription.email],
                            connection=connection, headers=list_headers(unsubscribe))


def list_headers(unsubscribe):
    """RFC 2369 and RFC 8058: mail programs offer their own unsubscribe button, which
    POSTs to the link without a session. No mailto: nobody reads a mailbox for it."""
    return {"List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated"}
