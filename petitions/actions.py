"""Staff actions on a case. Each one writes a timeline event and an audit entry together."""

from django.db import transaction
from django.utils import timezone

from portal import agencies

from . import domain
from .cases import AuditLog, Case, CaseEvent, Status
from .tasks import send_reply_email


def audit(case, user, action, detail=""):
    AuditLog.objects.create(
        case=case,
        case_number=case.number if case else "",
        user=user if user and user.is_authenticated else None,
        username=user.get_username() if user and user.is_authenticated else "",
        action=action,
        detail=detail[:300],
    )


def refused(user, attempt, case_id):
    """Log an attempt on a case the user may not see (or that does not exist), so that probing
    other agencies' cases shows in the audit log as plainly as reading them."""
    case = Case.objects.filter(pk=case_id).first() if case_id is not None else None
    missing = case is None and case_id is not None
    audit(case, user, "denied", f"{attempt} case_id={case_id}" if missing else attempt)


@transaction.atomic
def assign(case, agency, user):
    transfer = case.agency_id is not None
    agency = agencies.canonical(agency)
    case.agency = agency
    if case.status == Status.RECEIVED:
        case.status = Status.ASSIGNED
    case.save(update_fields=["agency", "status"])
    CaseEvent.objects.create(case=case, type=CaseEvent.Type.ASSIGNMENT, actor=user,
                             agency=agency, status=case.status)
    audit(case, user, "transfer" if transfer else "assign", f"agency={agency.code}")


@transaction.atomic
def change_status(case, status, user):
    case.status = status
    case.closed_at = timezone.now() if status == Status.CLOSED else None
    case.save(update_fields=["status", "closed_at"])
    CaseEvent.objects.create(case=case, type=CaseEvent.Type.STATUS, actor=user, status=status)
    audit(case, user, "status", f"status={status}")


@transaction.atomic
def add_note(case, text, user):
    CaseEvent.objects.create(case=case, type=CaseEvent.Type.NOTE, actor=user, text=text)
    audit(case, user, "note")


@transaction.atomic
def extend_deadline(case, new_deadline, reason, user):
    domain.check_extension(case.deadline, new_deadline, timezone.localdate())
    case.deadline = new_deadline
    case.save(update_fields=["deadline"])
    CaseEvent.objects.create(case=case, type=CaseEvent.Type.EXTENSION, actor=user,
                             deadline=new_deadline, text=reason)
    audit(case, user, "extend", f"deadline={new_deadline.isoformat()}")


def reply(case, text, user):
    """Public reply: shown on the tracking page and e-mailed to the citizen (as a task)."""
    with transaction.atomic():
        event = CaseEvent.objects.create(case=case, type=CaseEvent.Type.REPLY, actor=user,
                                         text=text)
        if case.status != Status.CLOSED:
            case.status = Status.REPLIED
            case.save(update_fields=["status"])
        audit(case, user, "reply")
    if case.email:
        transaction.on_commit(lambda: send_reply_email.enqueue(event.pk))
    return event
