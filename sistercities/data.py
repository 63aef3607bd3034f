"""The partner-city list as plain rows, for the open-data app's live dataset."""

from django.db.models import Count, Max

from portal.i18n import default_language
from portal.pages import open_to_all

from .models import SisterCityPage


def _chinese_cities():
    return open_to_all(SisterCityPage.objects.live()).filter(
        locale__language_code=default_language())


def city_rows():
    """One dict per partner city, Chinese page as the source, English names and country
    from its English translation when there is one."""
    cities = list(_chinese_cities().order_by("date_established", "pk"))
    english = {
        page.translation_key: page
        for page in open_to_all(SisterCityPage.objects.live()).filter(
            locale__language_code="en",
            translation_key__in=[city.translation_key for city in cities])
    }
    rows = []
    for city in cities:
        translation = english.get(city.translation_key)
        rows.append({
            "name_zh": city.name_zh,
            "name_en": city.name_en,
            "name_native": city.name_native,
            "country_zh": city.country,
            "country_en": translation.country if translation else city.country_en,
            "relationship": city.relationship,
            "established": city.date_established.isoformat() if city.date_established else None,
            "latitude": float(city.latitude) if city.latitude is not None else None,
            "longitude": float(city.longitude) if city.longitude is not None else None,
            "url": city.official_url,
        })
    return rows


def version():
    """Changes whenever a city page in either language is published or unpublished."""
    figures = open_to_all(SisterCityPage.objects.live()).aggregate(
        latest=Max("last_published_at"), count=Count("pk"))
    latest = figures["latest"].isoformat() if figures["latest"] else "never"
    return f"{latest}/{figures['count']}"
