import datetime
from decimal import Decimal

from sistercities.models import (
    ExhibitionIndexPage,
    ExhibitionPage,
    SisterCityIndexPage,
    SisterCityPage,
)
from tests.factories import add_page


def city_index(home):
    return (SisterCityIndexPage.objects.child_of(home).first()
            or add_page(home, SisterCityIndexPage, title="姊妹市", slug="sister-cities"))


def make_city(home):
    return add_page(city_index(home), SisterCityPage, title="釜山", slug="busan",
                    name_zh="釜山", name_en="Busan", name_native="부산", country="韓國",
                    country_en="Korea", relationship="sister",
                    date_established=datetime.date(1966, 6, 6), latitude=Decimal("35.17955"),
                    longitude=Decimal("129.07564"))


def exhibition_index(home):
    return (ExhibitionIndexPage.objects.child_of(home).first()
            or add_page(home, ExhibitionIndexPage, title="城市主題展", slug="exhibitions"))


def make_exhibition(home):
    return add_page(exhibition_index(home), ExhibitionPage, title="釜山姊妹市照片展",
                    slug="busan-photos", theme="釜山55周年", start_date=datetime.date(2022, 4, 1),
                    end_date=datetime.date(2022, 4, 30))


PAGE_MAKERS = {
    SisterCityIndexPage: city_index,
    SisterCityPage: make_city,
    ExhibitionIndexPage: exhibition_index,
    ExhibitionPage: make_exhibition,
}
