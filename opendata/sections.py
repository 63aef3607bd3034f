from wagtail.models import Page

from portal.pages import live_children, open_to_all

from .models import DatasetPage


def latest_datasets(request, home_page):
    """The newest datasets in the page's language, or nothing when there are none."""
    latest = list(open_to_all(DatasetPage.objects.live().filter(locale_id=home_page.locale_id))
                  .order_by("-last_published_at")[:4])
    if not latest:
        return None
    # Its index is usually one of the home page's children, read with the home page's pages.
    parent_path = latest[0].path[:-Page.steplen]
    index = next((page for page in live_children(home_page) if page.path == parent_path),
                 None) or latest[0].get_parent()
    return {"datasets": latest, "index": index}
