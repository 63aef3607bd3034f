"""Every snippet is registered through a SnippetViewSet in its app's wagtail_hooks.py: its
listing in the admin shows the model's own columns, searches and has an icon."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail.snippets.models import get_snippet_models

from bulletin.models import DocumentType
from consumer.models import ReportingPeriod
from portal.models import Agency
from sistercities.models import Venue, Visit
from tests.factories import sign_in_verified


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.gov.tw",
                                                     "a long test password")


def make_rows(zh):
    """Two rows of each snippet: one the search must find, one it must leave out."""
    law = DocumentType.objects.create(name="法規甲", name_en="Regulation A")
    DocumentType.objects.create(name="公告乙", name_en="Notice B")
    ReportingPeriod.objects.create(label="一一三年上半年", label_en="First half of 2024",
                                   start=datetime.date(2024, 1, 1),
                                   end=datetime.date(2024, 6, 30), source="消保處")
    ReportingPeriod.objects.create(label="一一二年下半年", label_en="Second half of 2023",
                                   start=datetime.date(2023, 7, 1),
                                   end=datetime.date(2023, 12, 31))
    Venue.objects.create(locale=zh, name="四維行政中心中庭", address="苓雅區四維三路2號",
                         opening_hours="週一至週五")
    Venue.objects.create(locale=zh, name="鳳山行政中心", address="鳳山區光復路二段132號",
                         opening_hours="週一至週五")
    Visit.objects.create(locale=zh, date=datetime.date(2024, 5, 2), delegation="美國訪問團",
                         place="美國", purpose="城市交流")
    Visit.objects.create(locale=zh, date=datetime.date(2024, 6, 3), delegation="日本訪問團",
                         place="日本", purpose="觀光合作")
    Agency.objects.create(locale=zh, code="397000000A", name="高雄市政府法制局",
                          short_name="法制局")
    Agency.objects.create(locale=zh, code="397010000A", name="高雄市政府環境保護局",
                          short_name="環保局")
    return law


# (listing URL, column headers, search term, text found, text left out)
LISTINGS = [
    ("/admin/snippets/bulletin/documenttype/", ["name (Chinese)", "name (English)",
     "parent type", "order"], "Regulation", "法規甲", "公告乙"),
    ("/admin/snippets/consumer/reportingperiod/", ["period (Chinese)", "period (English)",
     "from", "to"], "First half", "一一三年上半年", "一一二年下半年"),
    ("/admin/snippets/sistercities/venue/", ["name", "address", "opening hours"], "苓雅",
     "四維行政中心中庭", "鳳山行政中心"),
    ("/admin/snippets/sistercities/visit/", ["date", "delegation", "partner city",
     "city or country"], "觀光", "日本訪問團", "美國訪問團"),
    ("/admin/snippets/portal/agency/", ["name", "short name", "code", "phone"], "環保",
     "高雄市政府環境保護局", "高雄市政府法制局"),
]


def header_texts(soup):
    return [" ".join(th.get_text(" ", strip=True).split()).lower()
            for th in soup.select("table.listing thead th")]


def row_texts(soup):
    return " ".join(tr.get_text(" ", strip=True) for tr in soup.select("table.listing tbody tr"))


@pytest.mark.parametrize(("url", "columns", "term", "found", "left_out"), LISTINGS)
def test_each_snippet_lists_its_columns_and_searches(client, editor, site_tree, settings,
                                                     url, columns, term, found, left_out):
    settings.LANGUAGE_CODE = "en"
    make_rows(Locale.objects.get(language_code="zh-hant"))
    sign_in_verified(client, editor)
    client.cookies["django_language"] = "en"

    listing = BeautifulSoup(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content, "html.parser")
    headers = header_texts(listing)
    for column in columns:
        assert any(column.lower() in header for header in headers), (column, headers)
    assert found in row_texts(listing) and left_out in row_texts(listing)
    assert listing.select_one("form[role=search] input[name=q]") is not None

    searched = BeautifulSoup(client.get(url, {"q": term}, HTTP_ACCEPT_LANGUAGE="en").content,
                             "html.parser")
    assert found in row_texts(searched)
    assert left_out not in row_texts(searched)


def test_every_snippet_has_a_viewset_with_columns_search_and_an_icon(db):
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        assert viewset.list_display and viewset.list_display != ["__str__"], model
        assert viewset.search_fields, model
        assert viewset.icon and viewset.icon != "snippet", model
