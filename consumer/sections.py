from petitions.models import ComplaintFormPage
from portal.pages import live_children, one_live_plain_page

from .models import ConsumerIndexPage, notices_below


def latest_notices(request, home_page):
    """The 1950 hotline, the way to complain and the newest notices, in the page's language.
    The index and the form are linked by address only: read with the home page's pages."""
    index_page = next((page for page in live_children(home_page)
                       if issubclass(page.specific_class, ConsumerIndexPage)), None)
    if index_page is None:
        return None
    return {"index_page": index_page, "notices": list(notices_below(index_page)[:4]),
            "complaint_form": one_live_plain_page(ComplaintFormPage, index_page.locale_id)}
