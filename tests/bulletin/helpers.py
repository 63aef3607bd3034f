"""Gazette test data, built through the importer as real back catalogues are."""

import json

from bulletin.importer import import_lines
from bulletin.models import GazetteIndexPage
from opendata.models import DatasetPage, DatasetResource
from tests.factories import add_page
from tests.opendata.page_makers import make_index


def gazette_index(home):
    existing = GazetteIndexPage.objects.child_of(home).first()
    return existing or add_page(home, GazetteIndexPage, title="電子公報", slug="gazette")


def record(number=1, issue=(113, "夏", 5, "2024-06-05"), **overrides):
    year, volume, issue_number, published = issue
    data = {
        "issue": {"roc_year": year, "volume": volume, "number": issue_number,
                  "published": published},
        "type": "公告", "subtype": "公示送達",
        "document_number": f"高市府行國字第113300{number:05d}號",
        "agency": {"name": "高雄市政府行政暨國際處", "code": "397000000A"},
        "title": f"公示送達第{number}號處分書", "title_en": None,
        "signed": "2024-06-01", "effective": None,
        "body_html": f"<p>主旨：公示送達第{number}號裁處書。</p>", "keywords": ["公示送達"],
        "attachments": [], "correction_of": None,
    }
    data.update(overrides)
    return data


def load(*records, **options):
    return import_lines([json.dumps(r, ensure_ascii=False) for r in records], **options)


def rich_text(text):
    return json.dumps({"blocks": [{"key": "a1b2c", "type": "unstyled", "text": text, "depth": 0,
                                   "inlineStyleRanges": [], "entityRanges": [], "data": {}}],
                       "entityMap": {}})


def form_errors(response):
    context = response.context
    if context is None or "form" not in context:
        return response.status_code
    return context["form"].errors


def sample_documents(home, second_title="消費者保護稽查結果公告", attachments=()):
    """The API tests' gazette: a rule, an announcement, a notice in another issue, and a
    correction of the rule."""
    gazette_index(home)
    report = load(
        record(1, title="高雄市機關車輛管理要點", type="行政規則", subtype=None,
               title_en="Vehicle management rules", signed="2024-05-20",
               **({"attachments": list(attachments)} if attachments else {})),
        record(2, title=second_title, type="公告", subtype="公告",
               agency={"name": "高雄市政府法制局", "code": "397000100A"}),
        record(3, title="公示送達處分書", issue=(113, "秋", 1, "2024-07-03"), signed="2024-07-01"),
    )
    assert not report.errors
    correction = load(record(4, title="更正車輛管理要點", type="其他", subtype="更正",
                             correction_of=report.documents[0].document_number)).pages[-1]
    return [*report.documents, correction]


def draft_record(number=90, issue=(113, "夏", 5, "2024-06-05"), deadline="2024-07-05",
                 **overrides):
    """A draft regulation for comment (法規預告) with its comment deadline."""
    fields = {"type": "法規預告", "subtype": None,
              "title": f"預告修正「高雄市消費者保護自治條例」部分條文草案（{number}）",
              "title_en": "Draft amendment of the Consumer Protection Ordinance",
              "body_html": "<p>主旨：預告修正「高雄市消費者保護自治條例」部分條文草案。</p>",
              "comment_deadline": deadline}
    return record(number, issue=issue, **{**fields, **overrides})


def consultations_dataset(home):
    """The live dataset of the drafts for comment, published in JSON under a data index."""
    page = DatasetPage(title="法規預告一覽", slug="gazette-consultations",
                       identifier="gazette-consultations", locale=home.locale,
                       description="本府公報刊登之法規草案及其表示意見截止日期",
                       update_frequency="live")
    page.resources = [DatasetResource(title="法規預告", format="JSON",
                                      generator="gazette-consultations")]
    make_index(home).add_child(instance=page)
    page.save_revision().publish()
    return page
