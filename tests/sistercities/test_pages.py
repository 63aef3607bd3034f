import datetime
import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from portal.blocks import CaptionedImageBlock
from sistercities import data
from sistercities.blocks import ExhibitItemBlock
from sistercities.models import ExhibitionPage, SisterCityPage, Venue, Visit
from tests.factories import add_page, translate
from tests.html import parse
from tests.sistercities.page_makers import (
    city_index,
    exhibition_index,
    make_city,
    make_exhibition,
)

COUNTRIES = [("韓國", "South Korea"), ("日本", "Japan"), ("美國", "United States"),
             ("帛琉", "Palau")]


def add_city(home, n, relationship="sister", country=0, established=None):
    zh, en = COUNTRIES[country]
    return add_page(city_index(home), SisterCityPage, title=f"城市{n}", slug=f"city-{n}",
                    name_zh=f"城市{n}", name_en=f"City {n}", country=zh, country_en=en,
                    relationship=relationship, date_established=established,
                    latitude=Decimal("10.5"), longitude=Decimal(n % 180))


def add_exhibition(home, n, cities=(), start=datetime.date(2021, 1, 1), days=20, venue=None):
    page = add_page(exhibition_index(home), ExhibitionPage, title=f"主題展{n}",
                    slug=f"show-{n}", theme=f"主題{n}", start_date=start,
                    end_date=start + datetime.timedelta(days=days), venue=venue)
    if cities:
        page.featured_cities.set(cities)
        page.save_revision().publish()
    return page


def names(html):
    links = parse(html).find_all("a", href=re.compile(r"^/sister-cities/city-\d+/$"))
    return [link.get_text() for link in links if re.fullmatch(r"城市\d+", link.get_text())]


def test_filters_counts_and_sorting(client, home):
    add_city(home, 1, "sister", 0, datetime.date(1966, 6, 6))
    add_city(home, 2, "friendship", 1, datetime.date(2017, 3, 1))
    add_city(home, 3, "partner", 3, datetime.date(2022, 6, 9))
    add_city(home, 4, "mou", 1, None)
    index = city_index(home)

    everything = client.get(index.url).content.decode()
    assert names(everything)[:3] == ["城市1", "城市2", "城市3"]  # oldest tie first
    assert any(cell.get_text().endswith("日本") and cell.find_next_sibling() is not None
               and cell.find_next_sibling().name == "td"
               and cell.find_next_sibling().get_text() == "2"
               for cell in parse(everything).find_all(["th", "td"]))

    japan = client.get(index.url, {"country": "Japan"}).content.decode()
    assert sorted(names(japan)) == ["城市2", "城市4"]
    partners = client.get(index.url, {"relationship": "partner"}).content.decode()
    assert names(partners) == ["城市3"]
    newest = client.get(index.url, {"sort": "-established"}).content.decode()
    assert names(newest)[0] == "城市3"
    # Values not offered show everything rather than an error.
    odd = client.get(index.url, {"country": "<x>", "relationship": "enemy", "sort": "x"})
    assert odd.status_code == 200 and len(names(odd.content.decode())) == 4


def test_calendar_parses_in_both_languages(client, home, home_en):
    venue = Venue.objects.create(name="四維行政中心中庭", address="高雄市苓雅區四維三路2號",
                                 opening_hours="週一至週五", locale=home.locale)
    english_venue = venue.copy_for_translation(home_en.locale)
    english_venue.name, english_venue.address = "Siwei atrium", "No. 2, Siwei 3rd Rd."
    english_venue.save()
    exhibition = add_exhibition(home, 1, venue=venue, start=datetime.date(2022, 5, 2))
    translate(exhibition_index(home), "en", title="Exhibitions")
    translate(exhibition, "en", title="City keys")

    response = client.get("/exhibitions/calendar.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == "主題展1"
    assert event.decoded("dtstart") == datetime.date(2022, 5, 2)
    assert event.decoded("dtend") == datetime.date(2022, 5, 23)  # exclusive end
    assert "四維行政中心中庭" in str(event["location"])

    [event] = Calendar.from_ical(client.get("/en/exhibitions/calendar.ics").content).walk(
        "VEVENT")
    assert str(event["summary"]) == "City keys"
    assert str(event["location"]) == "Siwei atrium, No. 2, Siwei 3rd Rd."
    assert str(event["url"]).endswith("/en/exhibitions/show-1/")


def test_json_ld_is_an_exhibition_event(client, home):
    city = make_city(home)
    exhibition = make_exhibition(home)
    exhibition.featured_cities.set([city])
    exhibition.save_revision().publish()
    html = client.get(exhibition.url).content.decode()
    raw = parse(html).find("script", type="application/ld+json").string
    data_ = json.loads(raw)
    assert data_["@type"] == "ExhibitionEvent" and data_["@context"] == "https://schema.org"
    assert (data_["startDate"], data_["endDate"]) == ("2022-04-01", "2022-04-30")
    assert data_["about"] == [{"@type": "City", "name": "釜山"}]


def test_json_ld_cannot_be_broken_out_of(client, home):
    exhibition = make_exhibition(home)
    exhibition.title = "</script><script>alert(1)</script>"
    exhibition.save_revision().publish()
    html = client.get(exhibition.url).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_images_need_alternative_text():
    with pytest.raises(ValidationError):
        CaptionedImageBlock().clean({"image": None, "alt_text": "", "caption": ""})
    block = ExhibitItemBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"name": "市鑰", "description": "釜山市鑰", "image": None,
                                     "alt_text": ""}) | {"image": object()})


def test_queries_stay_constant_with_36_cities_and_50_exhibitions(
        client, home, django_assert_max_num_queries, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # the render is measured, not the page cache
    cities = [add_city(home, n, country=n % 4) for n in range(3)]
    shows = [add_exhibition(home, n, cities[:2], datetime.date(2021, 1, 1)
                            + datetime.timedelta(days=30 * n)) for n in range(3)]
    Visit.objects.create(date=datetime.date(2022, 3, 17), delegation="熊本市訪團",
                         city=cities[0], place="日本", purpose="視訊", locale=home.locale)
    urls = [city_index(home).url, exhibition_index(home).url, cities[0].url, shows[0].url,
            city_index(home).url + "visits/", "/exhibitions/calendar.ics"]
    few = {}
    for url in urls:
        client.get(url)  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        few[url] = len(captured)

    cities += [add_city(home, n, country=n % 4) for n in range(3, 36)]
    shows += [add_exhibition(home, n, cities[:3], datetime.date(2021, 1, 1)
                             + datetime.timedelta(days=30 * n)) for n in range(3, 50)]
    for n in range(10):
        Visit.objects.create(date=datetime.date(2022, 3, 1 + n), delegation=f"訪團{n}",
                             city=cities[0], place="日本", purpose="交流", locale=home.locale)
    for url in urls:
        client.get(url)  # the content changed: warm again what is kept per content version
        with django_assert_max_num_queries(few[url]):
            assert client.get(url).status_code == 200, url


def test_api_exposes_city_and_exhibition_fields(client, home):
    city = make_city(home)
    exhibition = make_exhibition(home)
    response = client.get("/api/v2/pages/", {
        "type": "sistercities.SisterCityPage",
        "fields": "name_en,name_native,country_en,relationship,date_established,latitude"})
    [item] = response.json()["items"]
    assert (item["name_en"], item["name_native"], item["relationship"]) == (
        "Busan", "부산", "sister")
    assert item["date_established"] == "1966-06-06" and float(item["latitude"]) == 35.17955
    detail = client.get(f"/api/v2/pages/{exhibition.pk}/").json()
    assert detail["theme"] == "釜山55周年" and detail["start_date"] == "2022-04-01"
    assert city.pk


def test_city_rows_and_version_follow_publishing(home, home_en):
    assert data.city_rows() == []
    empty = data.version()
    city = make_city(home)
    translate(city_index(home), "en", title="Sister cities")
    english = translate(city, "en", title="Busan", country="South Korea")
    assert data.city_rows() == [{
        "name_zh": "釜山", "name_en": "Busan", "name_native": "부산", "country_zh": "韓國",
        "country_en": "South Korea", "relationship": "sister", "established": "1966-06-06",
        "latitude": 35.17955, "longitude": 129.07564, "url": ""}]
    assert data.version() != empty
    published = data.version()
    SisterCityPage.objects.get(pk=english.pk).unpublish()
    assert data.version() != published


def test_visits_by_year_and_on_the_city_page(client, home):
    city = make_city(home)
    Visit.objects.create(date=datetime.date(2022, 3, 17), delegation="熊本市大西市長（視訊）",
                         city=None, place="日本", purpose="締盟5周年", locale=home.locale)
    Visit.objects.create(date=datetime.date(2019, 3, 29), delegation="釜山市訪團", city=city,
                         place="韓國", purpose="交流", locale=home.locale)
    index = city_index(home)
    latest = client.get(index.url + "visits/").content.decode()
    assert "熊本市大西市長" in latest and "釜山市訪團" not in latest
    older = client.get(index.url + "visits/2019/").content.decode()
    assert "釜山市訪團" in older
    assert client.get(index.url + "visits/1990/").status_code == 404
    assert "釜山市訪團" in client.get(city.url).content.decode()


def image_sources(response):
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return next(sources for name, *sources in directives if name == "img-src")


def test_the_map_page_allows_images_from_its_tile_server_only(client, home, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # the policy follows the setting at once
    index = city_index(home)
    assert image_sources(client.get(index.url)) == [
        "'self'", "data:", "blob:", "https://tile.openstreetmap.org"]
    assert image_sources(client.get(home.url)) == ["'self'", "data:", "blob:"]

    settings.SISTERCITIES_TILE_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    assert image_sources(client.get(index.url))[-1] == "https://*.tiles.example.org"
    settings.SISTERCITIES_TILE_URL = "/tiles/{z}/{x}/{y}.png"
    assert image_sources(client.get(index.url)) == ["'self'", "data:", "blob:"]
