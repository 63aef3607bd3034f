"""The home page's gazette section: the latest issue and its newest documents."""

from portal.i18n import default_language
from portal.pages import one_live_page, open_to_all

from .models import GazetteIndexPage, GazetteIssuePage, public_documents


def latest_gazette(request, home_page):
    issue = (open_to_all(GazetteIssuePage.objects.live())
             .filter(locale__language_code=default_language())
             .order_by("-publication_date", "-number").first())
    if issue is None:
        return None
    index_page = one_live_page(GazetteIndexPage, home_page.locale_id)
    documents = (public_documents().filter(issue=issue)
                 .select_related("document_type__parent").order_by("path")[:5])
    return {"issue": issue, "documents": documents, "index_page": index_page}
