import pytest

from tests.factories import add_page, translate, translated_agency
from tests.portal.helpers import DEPARTMENT, LEGAL


@pytest.fixture
def agencies(site_tree):
    return translated_agency(*DEPARTMENT), translated_agency(*LEGAL)


@pytest.fixture
def about(home, home_en):
    """A page and its English translation, for the caching tests."""
    page = add_page(home, title="關於本處", slug="about", summary="本處簡介")
    return page, translate(page, "en", title="About us", summary="Who we are")
