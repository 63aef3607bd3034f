"""The dataset preview's chart names its lines as people read them: by the field
descriptions, not by machine column names."""

import pytest

from opendata.models import DatasetField
from tests.html import parse

from .page_makers import make_dataset

pytestmark = pytest.mark.django_db

CSV = (b"period,consultations,first_complaints\n"
       b"2015,7284,3170\n2019,5118,2366\n2022,5643,2368\n")


def test_chart_legend_uses_the_field_descriptions(client, home):
    dataset = make_dataset(home, content=CSV)
    dataset.data_fields = [
        DatasetField(name="period", type="string", description="統計期間"),
        DatasetField(name="consultations", type="integer", description="消費諮詢件數"),
        DatasetField(name="first_complaints", type="integer", description="第一次申訴件數"),
    ]
    dataset.save_revision().publish()
    chart = parse(client.get(dataset.url).content).select_one("figure.chart svg")
    texts = [text.get_text() for text in chart.find_all("text")]
    assert "消費諮詢件數" in texts and "第一次申訴件數" in texts
    assert "first_complaints" not in chart.get_text()


def test_a_column_without_a_description_keeps_its_name(client, home):
    dataset = make_dataset(home, content=CSV)
    dataset.data_fields = [DatasetField(name="consultations", type="integer")]
    dataset.save_revision().publish()
    chart = parse(client.get(dataset.url).content).select_one("figure.chart svg")
    assert "first_complaints" in [text.get_text() for text in chart.find_all("text")]
