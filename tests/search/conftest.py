import pytest

from tests.search.helpers import busan_page_set


@pytest.fixture
def busan_pages(home):
    return busan_page_set(home)
