"""Domain rules for cases, as plain functions: numbering, deadlines, tracking codes."""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db import models as db
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from portal.dates import roc_year

from . import conf
from .cases import Case, CaseCounter, CaseEvent, Complaint, DeadlinePolicy, Kind, Status

PREFIXES = {Kind.PETITION: "P", Kind.COMPLAINT: "C", Kind.COMMENT: "D"}
# Consumer Protection Act art. 43 gives businesses 15 days; petitions get 30. Comments on a
# draft are answered once the agency has weighed them all after the notice period (法規預告
# runs 14 to 60 days), so they get 60.
DEFAULT_DEADLINE_DAYS = {Kind.PETITION: 30, Kind.COMPLAINT: 15, Kind.COMMENT: 60}
DEFAULT_NEAR_DAYS = 3

# 10 characters of Crockford-like base32 = 50 random bits; no 0/O/1/I/L to misread.
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_LENGTH = 10


def format_case_number(kind, roc_yr, sequence):
    return f"{PREFIXES[kind]}{roc_yr}-{sequence:06d}"


def _next_in_counter(kind, year):
    """The counter's row, one more, in one statement (UPDATE ... RETURNING, which
    PostgreSQL and SQLite 3.35+ both run); None when the row does not exist yet."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE petitions_casecounter SET last = last + 1"
                       " WHERE kind = %s AND roc_year = %s RETURNING last", [kind, year])
        row = cursor.fetchone()
    return row[0] if row else None


def allocate_case_number(kind, when):
    """Next number for this kind and ROC year. Call inside the transaction that saves the
    case: the UPDATE keeps the counter's row locked until that commit, so concurrent
    submissions queue on it and never share a number. One statement a case (the counter
    was read, locked and written in three): every submission waits on this lock."""
    year = roc_year(timezone.localtime(when).year)
    last = _next_in_counter(kind, year)
    if last is None:  # the year's first case of this kind
        CaseCounter.objects.get_or_create(kind=kind, roc_year=year)
        last = _next_in_counter(kind, year)
    return format_case_number(kind, year, last)


def deadline_policy(kind):
    """(days to answer, days of warning) for this kind. Asked of every submission, so
    read as the two numbers of its one row (kinds are unique) in a statement of its own,
    as the counter is: the ORM took longer to write the query than the database to run it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT days, near_days FROM petitions_deadlinepolicy WHERE kind = %s",
                       [kind])
        row = cursor.fetchone()
    return row or (DEFAULT_DEADLINE_DAYS[kind], DEFAULT_NEAR_DAYS)


def compute_deadline(kind, received_at):
    days, _near = deadline_policy(kind)
    return timezone.localtime(received_at).date() + datetime.timedelta(days=days)


# An extension beyond a year is a typing slip (9999, a wrong year), not a plan.
MAX_EXTENSION_DAYS = 365


def check_extension(current_deadline, new_deadline, today):
    """Refuse (ValidationError) a new deadline that is not later than the current one, lies
    in the past, or is implausibly far ahead."""
    if new_deadline <= current_deadline:
        raise ValidationError(_("The new deadline must be later than the current one (%(date)s)."),
                              params={"date": current_deadline.isoformat()})
    if new_deadline < today:
        raise ValidationError(_("The new deadline must not be in the past."))
    if new_deadline > today + datetime.timedelta(days=MAX_EXTENSION_DAYS):
        raise ValidationError(
            _("The new deadline must be within %(days)s days from today."),
            params={"days": MAX_EXTENSION_DAYS})


# A purchase or a first complaint dated in the future, or more than ten years back (when the
# claim has long lapsed), is a typing slip.
MAX_PAST_YEARS = 10


def check_recent_past(value):
    """A validator for dates a citizen gives about what already happened."""
    today = timezone.localdate()
    if value > today:
        raise ValidationError(_("This date must not be in the future."))
    if value < today.replace(year=today.year - MAX_PAST_YEARS, day=min(today.day, 28)):
        raise ValidationError(_("This date must be within the last %(years)s years."),
                              params={"years": MAX_PAST_YEARS})


# Answered cases are never late any more.
ANSWERED = (Status.CLOSED, Status.REPLIED)


def near_days_by_kind():
    """How many days before its deadline a case counts as due soon, per kind."""
    days = dict.fromkeys(Kind.values, DEFAULT_NEAR_DAYS)
    days.update(DeadlinePolicy.objects.values_list("kind", "near_days"))
    return days


def overdue_q(today):
    return Q(deadline__lt=today) & ~Q(status__in=ANSWERED)


def due_soon_q(today, near_days):
    """Open cases within their kind's warning window of the deadline, not yet past it."""
    window = Q(pk__in=[])
    for kind, days in near_days.items():
        window |= Q(kind=kind, deadline__gte=today,
                    deadline__lte=today + datetime.timedelta(days=days))
    return window & ~Q(status__in=ANSWERED)


def deadline_state(today, near_days):
    """A query expression: 'overdue', 'near' or 'ok' for each case."""
    return db.Case(db.When(overdue_q(today), then=db.Value("overdue")),
                   db.When(due_soon_q(today, near_days), then=db.Value("near")),
                   default=db.Value("ok"), output_field=db.CharField())


def new_tracking_code():
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def normalise_tracking_code(code):
    return "".join((code or "").split()).replace("-", "").upper()


# Before codes were hashed with a salt, they were an HMAC under SECRET_KEY; migration 0007
# marks those hashes so, and they still match under the key or its fallbacks until the
# citizen's next look-up stores the hash of today.
LEGACY_PREFIX = "hmac_sha256$"


# How a tracking code is stored. The threat model: a code is 10 symbols of 31 picked by the
# server, 49.5 random bits, not a secret a person chose; with the case number it opens that
# case's tracking page. Online, guesses meet the per-address limit (PETITIONS_TRACK_LIMIT) and
# 2^49.5 codes. Offline, guesses need the stored hash:
# - With PETITIONS_TRACKING_KEY set, an HMAC-SHA256 under that key (a "pepper", kept in the
#   environment, never in the database). A dump, a backup or an injection that reads the
#   database without the server's environment can test no guess at all, which beats any
#   round count; whoever holds both already reads every case a code would open. Stretching
#   is for low-entropy secrets and cost 5 to 7 ms of CPU in every submission. The key is
#   not SECRET_KEY, so rotating that changes no code; a retired tracking key stays in
#   PETITIONS_TRACKING_KEY_FALLBACKS, under which codes match and move to the current key.
# - Without it, salted PBKDF2 with no server secret at 20,000 rounds (twice the floor NIST
#   SP 800-63B sets for look-up secrets under 112 bits: some 2^63 SHA-256 rounds to guess a
#   code from its hash). Codes hashed so keep matching, at their own round count, whatever
#   the setting later becomes.
KEYED_PREFIX = "keyed_sha256$"
KEYED_SALT = "petitions.tracking-code"
TRACKING_HASH_ITERATIONS = 20_000
_TRACKING_HASHER = PBKDF2PasswordHasher()


def _keyed(code, key):
    return KEYED_PREFIX + salted_hmac(KEYED_SALT, normalise_tracking_code(code), secret=key,
                                      algorithm="sha256").hexdigest()


def hash_tracking_code(code):
    key = conf.tracking_key()
    if key:
        return _keyed(code, key)
    return _TRACKING_HASHER.encode(normalise_tracking_code(code), _TRACKING_HASHER.salt(),
                                   iterations=TRACKING_HASH_ITERATIONS)


def _legacy_matches(stored, code):
    digest = stored.removeprefix(LEGACY_PREFIX)
    message = normalise_tracking_code(code).encode()
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(hmac.compare_digest(digest, hmac.new(key.encode(), message,
                                                    hashlib.sha256).hexdigest())
               for key in keys)


def _keyed_match(stored, code):
    """"current" under the tracking key, "retired" under one of its fallbacks, else None."""
    current = conf.tracking_key()
    for key in [current, *conf.tracking_key_fallbacks()]:
        if key and hmac.compare_digest(stored, _keyed(code, key)):
            return "current" if key == current else "retired"
    return None


def _store_again(case, code):
    case.tracking_code_hash = hash_tracking_code(code)
    Case.objects.filter(pk=case.pk).update(tracking_code_hash=case.tracking_code_hash)


def tracking_code_matches(case, code):
    stored = case.tracking_code_hash
    if stored.startswith(KEYED_PREFIX):
        match = _keyed_match(stored, code)
        if match == "retired":
            _store_again(case, code)
        return match is not None
    if stored.startswith(LEGACY_PREFIX):
        if not _legacy_matches(stored, code):
            return False
        _store_again(case, code)
        return True
    if stored.startswith(_TRACKING_HASHER.algorithm + "$"):
        # Read here rather than through PASSWORD_HASHERS, which need not list PBKDF2.
        return _TRACKING_HASHER.verify(normalise_tracking_code(code), stored)
    return check_password(normalise_tracking_code(code), stored)


def find_case_for_tracking(number, code):
    """The case if number and code both match, else None, doing the same work either way."""
    number = (number or "").strip().upper()
    case = Case.objects.filter(number=number).select_related("agency").first()
    if case is None:
        # Hash anyway, so that an unknown number takes as long as a wrong code.
        hash_tracking_code(code)
        return None
    return case if tracking_code_matches(case, code) else None


def new_link_token():
    """The token of an e-mailed tracking link: 256 random bits, so a plain hash suffices."""
    return secrets.token_urlsafe(32)


def hash_link_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def find_case_for_link(number, token):
    case = Case.objects.filter(number=(number or "").upper()).first()
    if case is None or not case.tracking_link_hash:
        return None
    return case if hmac.compare_digest(case.tracking_link_hash,
                                       hash_link_token(token)) else None


def create_case(kind, fields, received_at=None):
    """Save a new case with its number, deadline and first event; return (case, code).
    The tracking code exists in clear only in this return value."""
    received_at = received_at or timezone.now()
    code = new_tracking_code()
    # Hashed and the deadline looked up before the counter's row lock is taken: all
    # submissions queue on that lock, so it is held only for the writes.
    code_hash = hash_tracking_code(code)
    deadline = compute_deadline(kind, received_at)
    # A complaint's own fields go to its Complaint row; the rest to the Case.
    complaint_names = set(Complaint.field_names())
    details = {name: value for name, value in fields.items() if name in complaint_names}
    fields = {name: value for name, value in fields.items() if name not in complaint_names}
    # No savepoint of its own inside the caller's transaction (intake.submit's): an error
    # here rolls back that whole transaction anyway, and a savepoint costs two statements.
    with transaction.atomic(savepoint=False):
        number = allocate_case_number(kind, received_at)
        case = Case.objects.create(
            kind=kind,
            number=number,
            tracking_code_hash=code_hash,
            received_at=received_at,
            deadline=deadline,
            receipt_status="pending" if fields.get("email") else "none",
            **fields,
        )
        if kind == Kind.COMPLAINT:
            Complaint.objects.create(case=case, **details)
        CaseEvent.objects.create(case=case, type=CaseEvent.Type.RECEIVED,
                                 status=Status.RECEIVED)
    return case, code
