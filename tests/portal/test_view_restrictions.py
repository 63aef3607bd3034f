"""Pages behind a password or a sign-in stay off every public listing, feed, calendar and
generated dataset, in every app."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from opendata import generators
from sistercities.models import ExhibitionPage, SisterCityPage
from tests.factories import add_page
from tests.opendata.page_makers import make_dataset
from tests.sistercities.page_makers import city_index, exhibition_index, make_city

pytestmark = pytest.mark.django_db

SECRET = "秘密交流城市"


@pytest.fixture(params=["password", "login"])
def restrict(request):
    """Puts a page behind each kind of Wagtail view restriction in turn."""
    def restrict(page):
        PageViewRestriction.objects.create(page=page, restriction_type=request.param,
                                           password="secret")
        return page
    return restrict


def secret_city(home):
    return add_page(city_index(home), SisterCityPage, title=SECRET, slug="secret-city",
                    name_zh=SECRET, name_en="Secret City", country="祕國",
                    country_en="Secretland", relationship="friendship",
                    date_established=datetime.date(2020, 1, 1), latitude=Decimal("10.5"),
                    longitude=Decimal("100.5"))


def exhibition(home, title, slug):
    today = timezone.localdate()
    return add_page(exhibition_index(home), ExhibitionPage, title=title, slug=slug,
                    theme=title, start_date=today - datetime.timedelta(days=1),
                    end_date=today + datetime.timedelta(days=10))


def test_exhibitions_listing_calendar_and_home_leave_restricted_ones_out(
        client, home, restrict):
    city_index(home)  # the home page's section belongs to the sister-city network
    exhibition(home, "公開照片展", "open-photos")
    restrict(exhibition(home, "內部預展", "preview"))
    for url in ("/exhibitions/", "/exhibitions/calendar.ics", "/"):
        body = client.get(url).content.decode()
        assert "公開照片展" in body and "內部預展" not in body, url


def test_a_restricted_exhibition_index_has_no_public_calendar(client, home, restrict):
    city_index(home)
    exhibition(home, "公開照片展", "open-photos")
    restrict(exhibition_index(home))
    assert client.get("/exhibitions/calendar.ics").status_code == 404
    assert "公開照片展" not in client.get("/").content.decode()


def test_sister_cities_listing_home_and_dataset_leave_restricted_ones_out(
        client, home, restrict):
    make_city(home)
    restrict(secret_city(home))
    listing = client.get("/sister-cities/").content.decode()
    assert "釜山" in listing and SECRET not in listing
    assert "高雄在 1 個國家有 1 個姊妹市及友好城市。" in client.get("/").content.decode()
    dataset = generators.render("sister-cities", "CSV").content.decode()
    assert "Busan" in dataset and "Secret City" not in dataset


def test_restricting_a_city_changes_the_dataset_version(home, restrict):
    make_city(home)
    city = secret_city(home)
    before = generators.render("sister-cities", "CSV").version
    restrict(city)
    assert generators.render("sister-cities", "CSV").version != before


def test_the_menu_and_search_promotions_leave_restricted_pages_out(client, home, restrict):
    page = add_page(home, StandardPage, title="內部專區", slug="internal", show_in_menus=True)
    restrict(page)
    Query.get("內部").editors_picks.create(page=page, sort_order=0, description="")
    assert "內部專區" not in client.get("/").content.decode()
    assert "內部專區" not in client.get("/search/", {"q": "內部"}).content.decode()


def test_a_restricted_datasets_files_are_not_served(client, home, restrict):
    dataset = make_dataset(home)
    url = f"/data/resource/{dataset.resources.first().pk}/download"
    assert client.get(url).status_code == 200
    restrict(dataset)
    assert client.get(url).status_code == 404


def test_a_visitor_who_gave_the_password_sees_the_section_listed(client, home):
    index = exhibition_index(home)
    exhibition(home, "內部預展", "preview")
    restriction = PageViewRestriction.objects.create(page=index, restriction_type="password",
                                                     password="secret")
    assert "內部預展" not in client.get("/exhibitions/").content.decode()  # the password form
    client.post(f"/_util/authenticate_with_password/{restriction.pk}/{index.pk}/",
                {"password": "secret", "return_url": "/exhibitions/"})
    assert "內部預展" in client.get("/exhibitions/").content.decode()


def test_a_restricted_page_its_children_and_its_aliases_ask_for_the_password_or_sign_in(
        client, home, restrict):
    """What Wagtail's own check answers, read in one query (portal.pages.view_restrictions):
    a restriction covers its page and everything below it, and an alias is covered by the
    restrictions of the page it is an alias of, not by its own place in the tree."""
    section = add_page(home, StandardPage, title="內部", slug="internal",
                       summary="只給同仁看的說明")
    add_page(section, StandardPage, title="內部細則", slug="rules", summary="只給同仁看的細則")
    open_page = add_page(home, StandardPage, title="公開", slug="open")
    restrict(section)
    alias = section.create_alias(parent=open_page, update_slug="internal-alias")
    for url in ("/internal/", "/internal/rules/", "/open/internal-alias/"):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert "只給同仁看的" not in response.content.decode(), url
    assert client.get("/open/").status_code == 200
    assert [r.page_id for r in alias.get_view_restrictions()] == [section.pk]
    assert [r.page_id for r in open_page.get_view_restrictions()] == []
