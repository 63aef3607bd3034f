import io
import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import ReferenceIndex

from bulletin import importer
from bulletin.models import GazetteAttachment, GazetteDocumentPage, GazetteIssuePage
from portal.models import Agency
from tests.bulletin.helpers import gazette_index, load, record


def write(path, lines):
    text = "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
                     for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def catalogue(tmp_path, home):
    gazette_index(home)
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "table.pdf").write_bytes(b"%PDF-1.4 test")
    return tmp_path


def test_import_creates_issues_agencies_documents_and_is_idempotent(catalogue):
    lines = [record(1, attachments=[{"title": "處分書", "path": "files/table.pdf"}],
                    body_html='<p onclick="x()">主旨<script>alert(1)</script></p>'
                              '<img src="x.png"><a href="javascript:x">連結</a>'),
             record(2, agency={"name": "高雄市政府法制局", "code": "397000100A"},
                    issue=(113, "秋", 1, "2024-07-03"))]
    path = write(catalogue / "g.jsonl", lines)
    out, err = run("import_gazette", str(path))
    assert "2 created, 0 updated, 0 rejected" in out and err == ""
    assert GazetteIssuePage.objects.count() == 2
    assert Agency.objects.filter(code="397000100A").exists()
    document = GazetteDocumentPage.objects.get(document_number=lines[0]["document_number"])
    assert document.live and document.body == "<p>主旨</p><a>連結</a>"
    attachment = GazetteAttachment.objects.get(page=document)
    assert attachment.document.file_size == 13 and attachment.format == "PDF"

    lines[0]["title"] = "修正後標題"
    write(path, lines)
    out, _err = run("import_gazette", str(path))
    assert "0 created, 2 updated" in out
    assert GazetteDocumentPage.objects.count() == 2
    assert GazetteAttachment.objects.count() == 1
    assert GazetteDocumentPage.objects.get(pk=document.pk).title == "修正後標題"


def test_bad_lines_are_reported_and_good_ones_still_import(catalogue):
    path = write(catalogue / "g.jsonl", [
        record(1),
        "{not json",
        record(2, signed="2024/06/01"),
        record(3, type="公報"),
        record(4, issue=(113, "春", 1, "2024-06-05")),
        record(5, correction_of="高市府不存在字第1號"),
        record(6, attachments=[{"title": "遺失", "path": "nowhere.pdf"}]),
        record(7, agency={"name": "機關", "code": "39700000000A"}),
        record(8),
    ])
    out, err = run("import_gazette", str(path))
    assert "2 created, 0 updated, 7 rejected" in out
    for number, reason in [(2, "not valid JSON"), (3, "signed is not an ISO date"),
                           (4, "unknown document type"), (5, "volume 春 does not match"),
                           (6, "correction_of"), (7, "attachment file not found"),
                           (8, "agency code is at most 10 characters")]:
        assert f"line {number}: {reason}" in err


def test_strict_stops_at_the_first_bad_line(catalogue):
    path = write(catalogue / "g.jsonl", [record(1), "[]", record(3)])
    with pytest.raises(CommandError, match="--strict"):
        run("import_gazette", str(path), "--strict")
    assert GazetteDocumentPage.objects.count() == 1


def test_imported_documents_are_searchable(catalogue, client):
    path = write(catalogue / "g.jsonl", [record(1, title_en="Parking ordinance amendment")])
    run("import_gazette", str(path))
    assert client.get("/api/gazette/documents.json?conditions[term]=parking").json()[
        "count"] == 1


def test_export_round_trip(catalogue, tmp_path):
    first = record(1, title_en="Vehicle rules", keywords=["車輛", "管理"], effective="2024-07-01",
                   attachments=[{"title": "附表", "path": "files/table.pdf"}])
    second = record(2, type="其他", subtype="更正", correction_of=first["document_number"])
    path = write(catalogue / "g.jsonl", [first, second])
    run("import_gazette", str(path))
    exported = tmp_path / "out.jsonl"
    run("export_gazette", str(exported))
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    for original, copy in zip([first, second], records, strict=True):
        for key in ["issue", "type", "subtype", "document_number", "agency", "title",
                    "title_en", "signed", "effective", "body_html", "keywords",
                    "correction_of"]:
            assert copy[key] == original[key], key
    assert records[0]["attachments"][0]["title"] == "附表"
    # Importing the export changes nothing.
    out, _err = run("import_gazette", str(exported))
    assert "0 created, 2 updated, 0 rejected" in out
    assert GazetteDocumentPage.objects.count() == 2


def test_import_indexes_in_chunks_and_records_references(home, monkeypatch):
    gazette_index(home)
    monkeypatch.setattr(importer, "CHUNK", 2)
    load(*[record(n, title_en=f"Parking notice {n}") for n in range(1, 6)])
    assert GazetteDocumentPage.objects.search("parking").count() == 5
    agency = Agency.objects.get(code="397000000A")
    usage = ReferenceIndex.get_references_to(agency)
    referring = {reference.object_id for reference in usage}
    assert referring == {str(pk) for pk in GazetteDocumentPage.objects.values_list("pk", flat=True)}
