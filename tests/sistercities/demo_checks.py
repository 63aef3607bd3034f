"""What the demo sister-city network must show (run by tests/home/test_demo_content.py)."""

import datetime
import io

from PIL import Image
from wagtail.images import get_image_model

from sistercities.models import ExhibitionPage, SisterCityPage, Visit
from tests.html import parse


def blocks_alt_text(stream):
    return [block.value["alt_text"] for block in stream if "alt_text" in block.value]


def check(client):
    for language in ("zh-hant", "en"):
        cities = SisterCityPage.objects.live().filter(locale__language_code=language)
        assert cities.count() == 36
        # The 14 of the reports, this month's and next month's.
        assert ExhibitionPage.objects.live().filter(locale__language_code=language).count() == 16
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
    keys = shows.get(slug="2022-05-city-keys")
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

    pictures_are_drawn_scenes_with_alt_text_in_both_languages(client)
    cities_without_a_date_say_it_is_not_recorded(client)


def pictures_are_drawn_scenes_with_alt_text_in_both_languages(client):
    images = get_image_model().objects.all()
    assert images.count() >= 36 + 16
    for image in images:
        with image.open_file() as handle:
            data = handle.read()
        assert len(data) < 120_000, image.title  # small enough for a phone
        picture = Image.open(io.BytesIO(data)).convert("RGB")
        # A drawn scene, not a flat rectangle: hundreds of colours, in every part of it.
        assert len(picture.getcolors(maxcolors=1 << 20)) > 500, image.title
        for x in (0, picture.width // 2):
            for y in (0, picture.height // 2):
                part = picture.crop((x, y, x + picture.width // 2, y + picture.height // 2))
                assert len(part.getcolors(maxcolors=1 << 20)) > 20, image.title
    # Each page shows its pictures with its own language's description.
    for path, language_words in (("/sister-cities/busan/", "港灣天際線"),
                                 ("/en/sister-cities/busan/", "waterfront skyline")):
        page = parse(client.get(path).content.decode())
        alts = [img["alt"] for img in page.select("main img")]
        assert alts and all(language_words in alt for alt in alts), (path, alts)
    for language in ("zh-hant", "en"):
        for city in SisterCityPage.objects.filter(locale__language_code=language):
            assert len(city.gallery) == 1 and city.gallery[0].value["alt_text"].strip()
    english = [block.value["alt_text"] for city in SisterCityPage.objects.filter(
        locale__language_code="en") for block in city.gallery]
    assert all(text.isascii() for text in english)


def cities_without_a_date_say_it_is_not_recorded(client):
    undated = SisterCityPage.objects.filter(slug="busan", locale__language_code="zh-hant").get()
    assert undated.date_established is None  # the reports give no date for Busan
    for path, words in (("/sister-cities/busan/", "未記錄"),
                        ("/en/sister-cities/busan/", "Not recorded"),
                        ("/sister-cities/koror/", "民國110年9月17日")):
        facts = parse(client.get(path).content.decode()).select_one("dl.city-facts")
        assert words in facts.get_text(), path
    cards = parse(client.get("/en/sister-cities/").content.decode()).select("ul.city-list > li")
    busan_card = next(card for card in cards if "Busan" in card.get_text())
    assert "Not recorded" in busan_card.get_text()
