"""The home page's gazette sections: the latest issue and its newest documents; the drafts
open for comment."""

from django.db.models import Subquery

from portal.i18n import default_language, locale_or_none
from portal.pages import one_live_plain_page, open_to_all

from . import consultations
from .models import GazetteIndexPage, GazetteIssuePage, open_consultations, public_documents


def latest_gazette(request, home_page):
    # The gazette is published in the default language: its locale as the request has
    # read it, not joined again.
    locale = locale_or_none(default_language())
    if locale is None:
        return None
    issues = (open_to_all(GazetteIssuePage.objects.live()).filter(locale=locale)
              .order_by("-publication_date", "-number"))
    # The newest issue comes with its documents, in one query; read apart only when it
    # has none to show.
    documents = list(public_documents().filter(issue=Subquery(issues.values("pk")[:1]))
                     .select_related("document_type", "issue").order_by("path")[:5])
    issue = documents[0].issue if documents else issues.first()
    if issue is None:
        return None
    index_page = one_live_plain_page(GazetteIndexPage, home_page.locale_id)
    if index_page is not None:
        # As its type without a query: the section's links call the index's reading_url,
        # which needs only its address.
        index_page = index_page.specific_deferred
    return {"issue": issue, "documents": documents, "index_page": index_page}


# The home page lists the few closing soonest; the list page has them all.
HOME_CONSULTATIONS = 3


def open_consultation_section(request, home_page):
    """The drafts open for comment, the soonest to close first, or None to hide."""
    index_page = one_live_plain_page(GazetteIndexPage, home_page.locale_id)
    if index_page is None:
        return None
    index_page = index_page.specific_deferred
    today = consultations.today()
    # Linked by title and address only: none of the issue, agency and type the
    # consultations' own pages show, which made the statement twice as many joins.
    drafts = list(open_consultations(today).select_related(None)[:HOME_CONSULTATIONS])
    if not drafts:
        return None
    for draft in drafts:
        draft.days_left = consultations.days_left(draft.comment_deadline, today)
    return {"drafts": drafts, "index_page": index_page}
