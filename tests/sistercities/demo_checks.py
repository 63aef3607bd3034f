"""What the demo sister-city network must show (run by tests/home/test_demo_content.py)."""

import datetime

from sistercities.models import ExhibitionPage, SisterCityPage, Visit


def blocks_alt_text(stream):
    return [block.value["alt_text"] for block in stream if "alt_text" in block.value]


def check(client):
    for language in ("zh-hant", "en"):
        cities = SisterCityPage.objects.live().filter(locale__language_code=language)
        assert cities.count() == 36
        assert ExhibitionPage.objects.live().filter(locale__language_code=language).count() == 14
        assert Visit.objects.filter(locale__language_code=language).count() >= 10
    koror = SisterCityPage.objects.get(slug="koror", locale__language_code="zh-hant")
    assert koror.date_established == datetime.date(2021, 9, 17)
    newest = SisterCityPage.objects.filter(locale__language_code="zh-hant").exclude(
        date_established=None).order_by("-date_established").first()
    assert newest.name_en == "Bratislava Region"
    assert newest.date_established == datetime.date(2022, 6, 9)

    shows = ExhibitionPage.objects.filter(locale__language_code="zh-hant").order_by("start_date")
    assert shows.first().start_date == datetime.date(2021, 1, 4)
    busan = shows.get(slug="2022-04-busan")
    assert [city.name_en for city in busan.featured_cities.all()] == ["Busan"]
    keys = shows.last()
    assert keys.title == "城市市鑰" and keys.start_date == datetime.date(2022, 5, 2)

    # Every picture carries its description, in each language's words.
    for page in [*ExhibitionPage.objects.all(), *SisterCityPage.objects.all()]:
        page = page.specific
        texts = blocks_alt_text(page.gallery)
        if isinstance(page, ExhibitionPage):
            texts += [item.value["alt_text"] for item in page.items if item.value["image"]]
        assert all(text.strip() for text in texts), page
    english_keys = keys.get_translation(SisterCityPage.objects.filter(
        locale__language_code="en").first().locale)
    assert blocks_alt_text(english_keys.gallery) == [
        "Poster of the city keys from Busan and Belize City"]

    for url in ("/sister-cities/", "/en/sister-cities/", "/exhibitions/", "/en/exhibitions/",
                "/sister-cities/koror/", "/en/sister-cities/visits/2022/"):
        assert client.get(url).status_code == 200, url
    home = client.get("/en/").content.decode()
    assert "/en/sister-cities/" in home
