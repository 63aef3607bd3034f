from io import StringIO

from django.core.management import call_command

from bulletin.demo import records
from bulletin.models import DocumentType, GazetteDocumentPage, GazetteIssuePage


def test_demo_records_cover_the_kinds_the_issue_asks_for():
    data = records()
    kinds = {(r["type"], r["subtype"]) for r in data}
    assert {("公告", "公示送達"), ("公告", "公告"), ("行政規則", None), ("法規", "自治規則"),
            ("其他", "更正")} <= kinds
    assert len(data) >= 300
    assert len({(r["issue"]["volume"], r["issue"]["number"]) for r in data}) >= 20
    assert any(r["title_en"] for r in data) and not all(r["title_en"] for r in data)
    numbers = [r["document_number"] for r in data]
    assert len(numbers) == len(set(numbers))


def test_demo_gazette_loads_and_reads(db, client):
    call_command("load_demo_content", stdout=StringIO())
    assert GazetteIssuePage.objects.live().count() >= 20
    assert GazetteDocumentPage.objects.live().count() >= 300
    correction = GazetteDocumentPage.objects.exclude(correction_of=None).first()
    text = client.get(correction.correction_of.url).content.decode()
    assert correction.title in text
    assert client.get("/gazette/").status_code == 200
    assert client.get("/en/gazette/").status_code == 200
    assert "113年冬字第" in client.get("/").content.decode()  # the home page section


def test_demo_gazette_loads_after_a_flush_removed_the_seeded_types(db):
    """A live-server test flushes the tables, taking the migration's seed with them."""
    DocumentType.objects.exclude(parent=None).delete()
    DocumentType.objects.all().delete()
    call_command("load_demo_content", stdout=StringIO())
    assert DocumentType.objects.filter(name="公示送達").exists()
    assert GazetteDocumentPage.objects.live().count() >= 300
