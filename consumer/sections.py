from portal.pages import open_to_all

from .models import ConsumerIndexPage


def latest_notices(request, home_page):
    """The 1950 hotline, the way to complain and the newest notices, in the page's language."""
    index_page = open_to_all(ConsumerIndexPage.objects.live().child_of(home_page)).first()
    if index_page is None:
        return None
    return {"index_page": index_page, "notices": list(index_page.notices()[:4]),
            "complaint_form": index_page.complaint_form()}
