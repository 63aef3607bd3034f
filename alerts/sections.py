"""The home page's entry to alerts: what they are, and where to subscribe."""

from bulletin.models import GazetteIndexPage
from portal.pages import one_live_plain_page

from . import conf


def alerts_entry(request, home_page):
    """Shown with a gazette to follow (the index, read with the home page's other pages)."""
    index = one_live_plain_page(GazetteIndexPage, home_page.locale_id)
    if index is None:
        return None
    return {"gazette_index": index, "retention_days": conf.retention_days()}
