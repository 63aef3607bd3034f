from django.db.models import Count
from django.utils import timezone

from portal.pages import live_children, open_to_all

from .models import ExhibitionIndexPage, ExhibitionPage, SisterCityIndexPage, SisterCityPage


def first_of_type(pages, model):
    return next((page for page in pages if issubclass(page.specific_class, model)), None)


def home_section(request, home_page):
    """What is on in the atrium now, and the size of the network, in the page's language."""
    # Both indexes as plain pages, read with the home page's other pages: the section
    # links them by address only.
    indexes = [page for page in live_children(home_page)
               if issubclass(page.specific_class, (SisterCityIndexPage, ExhibitionIndexPage))]
    city_index = first_of_type(indexes, SisterCityIndexPage)
    if city_index is None:
        return None
    today = timezone.localdate()
    exhibition_index = first_of_type(indexes, ExhibitionIndexPage)
    current = []
    if exhibition_index is not None:
        current = list(
            open_to_all(ExhibitionPage.objects.live().child_of(exhibition_index))
            .filter(start_date__lte=today).exclude(end_date__lt=today)
            .select_related("venue").order_by("start_date")[:3])
    counts = open_to_all(SisterCityPage.objects.live().child_of(city_index)).aggregate(
        cities=Count("pk"), countries=Count("country_en", distinct=True))
    return {
        "city_index": city_index,
        "exhibition_index": exhibition_index,
        "current": current,
        "city_count": counts["cities"],
        "country_count": counts["countries"],
    }
