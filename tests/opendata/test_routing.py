from home.models import StandardPage
from tests.factories import add_page
from tests.html import parse
from tests.opendata.page_makers import make_dataset, make_index


def test_a_dataset_is_served_with_its_breadcrumbs_through_the_one_type_route(home, client):
    dataset = make_dataset(home)

    response = client.get(dataset.url)

    assert response.status_code == 200
    trail = [link.get_text(strip=True) for link in parse(response).select(".breadcrumbs a")]
    assert trail[-1] == make_index(home).title


def test_a_child_of_another_type_under_a_one_type_index_is_still_served(home, client):
    # Made before the index allowed datasets only, or moved there by a script.
    stray = add_page(make_index(home), StandardPage, title="舊頁面", slug="old-page")

    response = client.get(stray.url)

    assert response.status_code == 200
    assert "舊頁面" in response.content.decode()
