import pytest

from tests.factories import translated_agency

# Two agencies, each with its Chinese row and its English translation: (code, zh, en).
DEPARTMENT = ("397000000A", "高雄市政府行政暨國際處",
              "Department of Administration and International Affairs")
LEGAL = ("397050000A", "高雄市政府法制局", "Legal Affairs Bureau")


@pytest.fixture
def agencies(site_tree):
    return translated_agency(*DEPARTMENT), translated_agency(*LEGAL)
