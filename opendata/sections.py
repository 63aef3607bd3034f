from portal.pages import open_to_all

from .models import DatasetPage


def latest_datasets(request, home_page):
    """The newest datasets in the page's language, or nothing when there are none."""
    latest = list(open_to_all(DatasetPage.objects.live().filter(locale_id=home_page.locale_id))
                  .order_by("-last_published_at")[:4])
    if not latest:
        return None
    index = latest[0].get_parent()
    return {"datasets": latest, "index": index}
