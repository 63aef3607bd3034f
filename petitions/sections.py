"""Home page section: where to write to the city, file a complaint, and track a case."""


from portal.pages import one_live_plain_page

from .models import ComplaintFormPage, PetitionFormPage


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
