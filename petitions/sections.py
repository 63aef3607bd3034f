"""Home page sections: where to write to the city, file a complaint, and track a case; and
how many cases are answered within the deadline."""

from portal.pages import one_live_plain_page

from .accountability_page import headline
from .models import AccountabilityPage, ComplaintFormPage, PetitionFormPage


def intake_links(request, home_page):
    """The live intake pages in the home page's language (read with the home page's other
    pages), or None to hide."""
    locale = home_page.locale_id
    pages = [one_live_plain_page(model, locale)
             for model in (PetitionFormPage, ComplaintFormPage)]
    pages = [page for page in pages if page]
    if not pages:
        return None
    return {"intake_pages": pages}


def accountability_headline(request, home_page):
    """The live accountability page in the home page's language and the last twelve months'
    share answered within the deadline, or None to hide."""
    page = one_live_plain_page(AccountabilityPage, home_page.locale_id)
    if page is None:
        return None
    return {"page": page, "share": headline()}
