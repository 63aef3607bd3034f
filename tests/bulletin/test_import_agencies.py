"""The gazette importer matches agencies by their code, never by their name."""

import pytest
from wagtail.models import Locale

from bulletin.models import GazetteDocumentPage
from portal.models import Agency
from tests.bulletin.helpers import gazette_index, load, record
from tests.factories import translated_agency

pytestmark = pytest.mark.django_db

RDEC = ("397040000A", "高雄市政府研究發展考核委員會",
        "Research, Development and Evaluation Commission")


def test_the_same_code_is_the_same_agency_whatever_the_name(home):
    rdec, _rdec_en = translated_agency(*RDEC)
    gazette_index(home)
    report = load(
        record(1, agency={"name": "研考會", "code": "397040000A"}),
        record(2, agency={"name": "Research, Development and Evaluation Commission",
                          "code": "397040000A"}),
        record(3, agency={"name": "高雄市政府研考會", "code": " 397040000a"}),
        record(4, agency={"name": "研考會", "code": "３９７０４００００Ａ"}),
    )
    assert not report.errors
    assert Agency.objects.filter(code__iexact="397040000A").count() == 2  # 研考會 and English
    assert set(GazetteDocumentPage.objects.values_list("agency", flat=True)) == {rdec.pk}
    rdec.refresh_from_db()
    assert rdec.name == RDEC[1]  # an import never renames the agency


def test_an_agency_known_only_in_english_gains_its_chinese_row_as_a_translation(home):
    english = Agency.objects.create(code=RDEC[0], name=RDEC[2],
                                    locale=Locale.objects.get(language_code="en"))
    gazette_index(home)
    assert not load(record(1, agency={"name": RDEC[1], "code": RDEC[0]})).errors
    chinese = GazetteDocumentPage.objects.get().agency
    assert chinese.locale == home.locale and chinese.name == RDEC[1]
    assert chinese.translation_key == english.translation_key
    assert Agency.objects.count() == 2


def test_a_new_code_makes_a_new_agency(home):
    gazette_index(home)
    assert not load(record(1, agency={"name": RDEC[1], "code": "397040000a"})).errors
    assert list(Agency.objects.values_list("code", "name")) == [("397040000A", RDEC[1])]
