import datetime
from types import SimpleNamespace as City

from sistercities import domain

TODAY = datetime.date(2022, 5, 15)


def test_exhibition_status():
    assert domain.exhibition_status(datetime.date(2022, 5, 1), None, TODAY) == "current"
    assert domain.exhibition_status(datetime.date(2022, 6, 1), None, TODAY) == "upcoming"
    assert domain.exhibition_status(datetime.date(2022, 4, 1), datetime.date(2022, 4, 30),
                                    TODAY) == "past"


def test_clean_filters_drops_values_not_offered():
    filters = domain.clean_filters({"country": "Mars", "relationship": "enemy",
                                    "sort": "x"}, {"Korea": "韓國"})
    assert filters == {"country": "", "relationship": "", "sort": "established"}
    assert domain.clean_filters({"country": "Korea", "relationship": "sister"},
                                {"Korea": "韓國"})["country"] == "Korea"


def test_cities_without_a_recorded_date_come_last_either_way():
    cities = [City(title="乙", date_established=None),
              City(title="甲", date_established=datetime.date(2022, 6, 9)),
              City(title="丙", date_established=datetime.date(1966, 6, 6))]
    assert [c.title for c in domain.sort_cities(cities, "established")] == ["丙", "甲", "乙"]
    assert [c.title for c in domain.sort_cities(cities, "-established")] == ["甲", "丙", "乙"]
    assert [c.title for c in domain.sort_cities(cities, "name")] == ["丙", "乙", "甲"]
