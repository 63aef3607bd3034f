import pytest

from tests.factories import translated_agency
from tests.portal.helpers import DEPARTMENT, LEGAL


@pytest.fixture
def agencies(site_tree):
    return translated_agency(*DEPARTMENT), translated_agency(*LEGAL)
