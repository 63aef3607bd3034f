from django.db.models import Count
from django.utils import timezone

from portal.pages import open_to_all

from .models import ExhibitionIndexPage, ExhibitionPage, SisterCityIndexPage, SisterCityPage


def home_section(request, home_page):
    """What is on in the atrium now, and the size of the network, in the page's language."""
    city_index = open_to_all(SisterCityIndexPage.objects.live().child_of(home_page)).first()
    if city_index is None:
        return None
    today = timezone.localdate()
    exhibition_index = open_to_all(ExhibitionIndexPage.objects.live().child_of(home_page)).first()
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
