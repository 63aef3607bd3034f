"""The one way a case enters the register, whatever the channel (web forms, Open311, any
later one): the case, its attachments, its audit entry and the receipt e-mail's task are
written together or not at all."""

from django.db import IntegrityError, transaction
from django_tasks_db import DatabaseBackend

from . import actions, domain
from .cases import Attachment, Case, Kind
from .tasks import send_receipt_email


def enqueue_with_case(task, case_id):
    """Queue `task` for the case being saved so that it never looks for a case that is not
    there. A queue kept in the same database (production's django_tasks_db) takes the task
    in the case's own transaction: both or neither are committed, with one commit, where a
    second one after it cost every submission a WAL flush. Any other backend (one that runs
    the task at once, or a broker) is given it after the commit."""
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(case_id)
    else:
        transaction.on_commit(lambda: task.enqueue(case_id))


class AlreadySubmitted(Exception):
    """The same one-time submission token came again (a double click, the back button)."""

    def __init__(self, case):
        super().__init__(case.number)
        self.case = case


def submitted_case(submission_key):
    """The case a form with this one-time token already created, or None."""
    if not submission_key:
        return None
    try:  # the key is unique: no ordering to compile or sort by
        return Case.objects.get(submission_key=submission_key)
    except Case.DoesNotExist:
        return None


def routed_agency(kind, fields):
    """The agency a case goes to on arrival: a comment on a draft regulation to the agency
    that issued the draft. Other cases wait for dispatch (None)."""
    draft = fields.get("draft")
    return draft.agency if kind == Kind.COMMENT and draft is not None else None


def submit(kind, fields, *, channel, attachments=(), submission_key=None, client=""):
    """Store a new case; return (case, tracking code in clear).

    `attachments` are (ContentFile, content type, original name) as files.clean_upload gives;
    `channel` and `client` (who sent it, never what it says) go into the audit entry.
    Raises AlreadySubmitted when `submission_key` was used before: the unique key decides,
    so no submission pays for a look first."""
    try:
        with transaction.atomic():
            case, code = domain.create_case(kind, {**fields, "submission_key": submission_key})
            for content, content_type, original_name in attachments:
                Attachment.objects.create(case=case, file=content, content_type=content_type,
                                          original_name=original_name, size=content.size)
            detail = f"channel={channel}" + (f" client={client}" if client else "")
            actions.audit(case, None, "receive", detail)
            agency = routed_agency(kind, fields)
            if agency is not None:
                actions.assign(case, agency, None)
            if case.email:
                enqueue_with_case(send_receipt_email, case.pk)
    except IntegrityError:
        # A form sent again, or two copies at once: the second waits on the first's unique
        # key, and its whole transaction (the counter's step too) is undone.
        first = submitted_case(submission_key)
        if first is None:
            raise
        raise AlreadySubmitted(first) from None
    return case, code
