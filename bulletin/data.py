"""The gazette's figures for other apps (the open-data generators): plain values only."""

from django.db.models import Count, Max

from portal.i18n import default_language

from .models import GazetteIssuePage, public_documents


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
