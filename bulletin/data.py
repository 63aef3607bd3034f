"""The gazette's figures for other apps (the open-data generators): plain values only."""

from django.db.models import Count, Max

from portal.i18n import default_language

from .models import GazetteIssuePage, drafts_for_comment, public_documents


def _issues():
    return (GazetteIssuePage.objects.live().public()
            .filter(locale__language_code=default_language()))


def issue_rows():
    """One dict per published issue, oldest first."""
    counts = dict(public_documents().order_by()
                  .values_list("issue").annotate(n=Count("pk")))
    return [{"roc_year": issue.roc_year, "volume": issue.volume, "number": issue.number,
             "publication_date": issue.publication_date.isoformat(),
             "documents": counts.get(issue.pk, 0)}
            for issue in _issues().order_by("publication_date", "number")]


def version():
    """Changes whenever a published issue or document changes, appears or goes."""
    documents = public_documents().aggregate(latest=Max("last_published_at"), live=Count("pk"))
    issues = _issues().aggregate(latest=Max("last_published_at"), count=Count("pk"))
    latest = max(filter(None, [documents["latest"], issues["latest"]]), default=None)
    return f"{latest.isoformat() if latest else '-'}/{issues['count']}/{documents['live']}"


def consultation_rows():
    """One dict per draft regulation published for comment (法規預告), open or closed, the
    latest deadline first: the deadline in ISO 8601 and how many comments came in, as the
    draft's page counts them; no comment and no commenter."""
    drafts = (drafts_for_comment().select_related("agency")
              .annotate(comments=Count("comment_cases")).order_by("-comment_deadline", "-pk"))
    return [{"id": draft.pk, "document_number": draft.document_number, "title": draft.title,
             "title_en": draft.title_en, "agency_code": draft.agency.code,
             "agency_name": draft.agency.name,
             "publication_date": draft.publication_date.isoformat(),
             "comment_deadline": draft.comment_deadline.isoformat(),
             "comments_received": draft.comments}
            for draft in drafts]


def consultation_version():
    """Changes whenever a draft for comment changes, appears or goes, or a comment on one
    comes in."""
    drafts = drafts_for_comment().aggregate(latest=Max("last_published_at"),
                                            count=Count("pk", distinct=True),
                                            comments=Count("comment_cases"))
    latest = drafts["latest"]
    return f"{latest.isoformat() if latest else '-'}/{drafts['count']}/{drafts['comments']}"
