"""Retention: redact the personal data of cases closed longer ago than the retention period."""


from django.db import transaction
from django.utils import timezone

from . import conf
from .cases import Case, CaseEvent, Complaint


def retention_cutoff(now=None):
    now = now or timezone.now()
    years = conf.retention_years()
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def cases_due(now=None):
    return Case.objects.filter(closed_at__lt=retention_cutoff(now), anonymised_at__isnull=True)


def anonymise_case(case, now=None):
    """Blank the personal and free-text fields, delete attachment files, keep the rest
    (kind, stage, status, agency, dates) so the statistics do not change."""
    with transaction.atomic():
        for field in (*Case.PERSONAL_FIELDS, *Case.FREE_TEXT_FIELDS):
            setattr(case, field, "")
        for field in Case.PLACE_FIELDS:
            setattr(case, field, None)
        case.anonymised_at = now or timezone.now()
        case.save()
        Complaint.objects.filter(case=case).update(
            **dict.fromkeys((*Complaint.PERSONAL_FIELDS, *Complaint.FREE_TEXT_FIELDS), ""))
        CaseEvent.objects.filter(case=case).exclude(text="").update(text="")
        attachments = list(case.attachments.all())
        for attachment in attachments:
            attachment.file.delete(save=False)
            attachment.delete()
    return len(attachments)


def anonymise_due(now=None):
    """(cases anonymised, attachments deleted)."""
    cases = files = 0
    for case in cases_due(now):
        files += anonymise_case(case, now)
        cases += 1
    return cases, files


