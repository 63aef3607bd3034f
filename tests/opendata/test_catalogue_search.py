"""The catalogue's search (/data/?q=) compares text as the site search does: Simplified and
Traditional, full and half width alike (search.analysis)."""

import pytest

from tests.html import parse

from .page_makers import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home):
    make_dataset(home)  # 消費者服務統計, "Consumer service figures", tagged 消費者保護
    gazette = make_dataset(home, identifier="gazette", title="公報期數", tags=("市政公報",),
                           category="general-administration")
    gazette.title_en, gazette.description = "Gazette issues", "歷年公報期數"
    gazette.save_revision().publish()
    return home.get_children().get(slug="data")


def titles(client, index, q):
    page = parse(client.get(index.url, {"q": q}).content)
    return sorted(link.get_text(strip=True) for link in page.select("a")
                  if link.get_text(strip=True) in ("消費者服務統計", "公報期數"))


@pytest.mark.parametrize("q, found", [
    ("消费", ["消費者服務統計"]),  # Simplified finds Traditional
    ("消費", ["消費者服務統計"]),
    ("ＧＡＺＥＴＴＥ", ["公報期數"]),  # full width finds the English title
    ("市政公报", ["公報期數"]),  # a tag, in Simplified
    ("公報", ["公報期數"]),
    ("統計資料", ["消費者服務統計"]),  # the description
    ("不存在", []),
])
def test_catalogue_search_folds_scripts_and_widths(client, catalogue, q, found):
    assert titles(client, catalogue, q) == found


def test_catalogue_search_keeps_the_other_filters(client, catalogue):
    page = parse(client.get(catalogue.url, {"q": "消费", "category": "general-administration"})
                 .content)
    assert not [link for link in page.select("a") if link.get_text(strip=True) == "消費者服務統計"]
