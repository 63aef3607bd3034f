from django.utils import timezone

from .models import ExhibitionIndexPage, ExhibitionPage, SisterCityIndexPage, SisterCityPage


def home_section(request, home_page):
    """What is on in the atrium now, and the size of the network, in the page's language."""
    city_index = SisterCityIndexPage.objects.live().public().child_of(home_page).first()
    if city_index is None:
        return None
    today = timezone.localdate()
    exhibition_index = ExhibitionIndexPage.objects.live().public().child_of(home_page).first()
    current = []
    if exhibition_index is not None:
        current = list(
            ExhibitionPage.objects.live().public().child_of(exhibition_index)
            .filter(start_date__lte=today).exclude(end_date__lt=today)
            .select_related("venue").order_by("start_date")[:3])
    cities = SisterCityPage.objects.live().public().child_of(city_index)
    return {
        "city_index": city_index,
        "exhibition_index": exhibition_index,
        "current": current,
        "city_count": cities.count(),
        "country_count": cities.values("country_en").distinct().count(),
    }
