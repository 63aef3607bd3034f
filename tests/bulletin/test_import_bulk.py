"""The bulk importer writes what the page-by-page importer writes.

The same small catalogue is imported, then imported again (as updates), through each path
into the same site, with the clock stopped; the database is read back table by table after
each and compared field by field. Primary keys differ between the runs, so every key is
replaced by something that names the row whatever its id: a page by its tree path, a
revision by its page and rank, a file by its title, a tag by its name, an agency by its
code. Translation keys are random: each becomes the rank of the first page (or agency) holding
it.
Nothing else is left out, timestamps included (the clock is stopped)."""

import datetime
import json
import re
import shutil

import pytest
import time_machine
from django.apps import apps
from django.db import connection, transaction
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from bulletin import importer
from bulletin.models import (
    GazetteAttachment,
    GazetteDocumentPage,
    GazetteDocumentTag,
    GazetteIssuePage,
)
from portal.models import Agency
from tests.bulletin.helpers import gazette_index, record
from tests.factories import add_page

STOPPED = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)
PDF = "files/table.pdf"


@pytest.fixture
def catalogue(tmp_path, home, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    index = gazette_index(home)
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "table.pdf").write_bytes(b"%PDF-1.4 test")
    (tmp_path / "files" / "map.pdf").write_bytes(b"%PDF-1.4 a map")
    # An issue already live with a document, and one waiting for its date (its new
    # documents are drafts with a revision).
    live = add_page(index, GazetteIssuePage, title="113年秋字第1期", slug="113-秋-1",
                    roc_year=113, volume="秋", number=1,
                    publication_date=datetime.date(2024, 7, 3))
    add_page(index, GazetteIssuePage, publish=False, title="113年秋字第2期", slug="113-秋-2",
             roc_year=113, volume="秋", number=2, publication_date=datetime.date(2024, 7, 10))
    importer.import_lines([json.dumps(record(90, issue=(113, "秋", 1, "2024-07-03")),
                                      ensure_ascii=False)], bulk=False)
    assert GazetteDocumentPage.objects.child_of(live).count() == 1
    return tmp_path


def lines():
    autumn = (113, "秋", 1, "2024-07-03")
    first = record(1, title_en="Service by publication", keywords=["公示送達", "處分書"],
                   effective="2024-06-10",
                   attachments=[{"title": "處分書", "path": PDF},
                                {"title": "位置圖", "path": "files/map.pdf"}])
    records = [
        first,
        record(2, type="行政規則", subtype=None, keywords=[],
               agency={"name": "高雄市政府法制局", "code": "397000100A"},
               body_html='<p onclick="x()">主旨<script>alert(1)</script></p><h2>說明</h2>'),
        record(3, type="其他", subtype="更正", correction_of=first["document_number"]),
        record(4, issue=(113, "冬", 2, "2024-10-09"), signed="2024-10-01", type="令",
               subtype=None, keywords=["處分書", "新的關鍵字"]),
        record(5, issue=autumn, signed="2024-07-01"),  # new, under an issue already there
        record(90, issue=autumn, title="更新的標題", signed="2024-07-01"),  # an update
        record(6, issue=(113, "秋", 2, "2024-07-10"), signed="2024-07-05"),  # a draft
        record(7, type="公報"),  # refused: no such type
        # Refused by its second file: its new keyword and first file roll back with it.
        record(8, keywords=["不留下"], attachments=[{"title": "位置圖", "path": "files/map.pdf"},
                                                   {"title": "遺失", "path": "nowhere.pdf"}]),
        dict(first, title="同一檔案中再次出現"),  # the first document again: an update
        record(9, attachments=[{"title": "處分書", "path": PDF}]),  # the stored file reused
        # A draft for comment: its deadline read from the notice's own wording.
        record(10, type="法規預告", subtype=None,
               body_html="<p>請於本公告刊登公報之次日起30日內陳述意見。</p>"),
        record(11, type="法規預告", subtype=None),  # refused: no comment deadline
    ]
    return [json.dumps(line, ensure_ascii=False) for line in records]


def import_twice(base_dir, bulk):
    """Imports the catalogue and imports it again; the database as it then is, read back.
    Everything is rolled back afterwards, files included, for the other path."""
    with transaction.atomic():
        reports = [importer.import_lines(lines(), base_dir=base_dir, bulk=bulk)
                   for _ in range(2)]
        tables = snapshot()
        transaction.set_rollback(True)
    shutil.rmtree(base_dir / "media", ignore_errors=True)
    return [(r.created, r.updated, r.errors) for r in reports], tables


class Keys:
    """Names for rows that do not depend on their ids."""

    def __init__(self):
        self.pages = dict(Page.objects.values_list("pk", "path"))
        self.revisions = {}
        for pk, object_id in Revision.objects.order_by("pk").values_list("pk", "object_id"):
            path = self.pages[int(object_id)]
            self.revisions[pk] = (path, sum(1 for key in self.revisions.values()
                                            if key[0] == path))
        self.documents = {pk: (title, name) for pk, title, name in
                          get_document_model().objects.values_list("pk", "title", "file")}
        self.tags = dict(Tag.objects.values_list("pk", "name"))
        self.agencies = {pk: (code, locale) for pk, code, locale in
                         Agency.objects.values_list("pk", "code", "locale__language_code")}
        self.tagged = {pk: (self.pages[page], self.tags[tag]) for pk, page, tag in
                       GazetteDocumentTag.objects.values_list("pk", "content_object", "tag")}
        self.attachments = {pk: (self.pages[page], order) for pk, page, order in
                            GazetteAttachment.objects.values_list("pk", "page", "sort_order")}
        self.entries = {}
        translation = {}
        for key in [*Page.objects.order_by("path").values_list("translation_key", flat=True),
                    *Agency.objects.order_by("code", "locale__language_code").values_list(
                        "translation_key", flat=True)]:
            translation.setdefault(str(key), len(translation))
        self.translation = translation

    def of(self, model, pk):
        if pk is None:
            return None
        pk = int(pk)
        if issubclass(model, Page):
            return self.pages[pk]
        table = {Revision: self.revisions, get_document_model(): self.documents,
                 Tag: self.tags, Agency: self.agencies, GazetteDocumentTag: self.tagged,
                 GazetteAttachment: self.attachments, IndexEntry: self.entries}.get(model)
        if table is None:
            return pk
        # A revision may name a keyword or file row that a later import replaced.
        return table.get(pk, "replaced since")

    def model_of(self, content_type_id):
        return apps.get_model("contenttypes", "ContentType").objects.get_for_id(
            content_type_id).model_class()

    def row(self, model, values):
        """One row's fields, keys named, the primary key dropped."""
        row = {}
        for field in model._meta.concrete_fields:
            value = values[field.attname]
            if field.primary_key and not field.is_relation:
                continue
            if field.name == "translation_key":
                value = self.translation[str(value)]
            elif field.is_relation and field.related_model is not None:
                value = self.of(field.related_model, value)
            row[field.name] = value
        return row

    def content(self, model, content):
        """A revision's serialised page, keys named as in its tables."""
        named = {}
        for name, value in content.items():
            try:
                field = model._meta.get_field(name)
            except Exception:
                named[name] = value
                continue
            if name == "translation_key":
                value = self.translation[str(value)]
            elif field.one_to_many and isinstance(value, list):
                value = [self.content(field.related_model, item) for item in value]
            elif name == "pk" or field.primary_key:
                value = self.of(model, value)
            elif field.is_relation and field.related_model is not None and field.concrete:
                value = self.of(field.related_model, value)
            named[name] = value
        if "pk" in content:
            named["pk"] = self.of(model, content["pk"])
        return named


def rows(keys, model, **extra):
    found = []
    for values in model._base_manager.values(*[f.attname for f in model._meta.concrete_fields]):
        row = keys.row(model, values)
        for name, convert in extra.items():
            row[name] = convert(values, row)
        found.append(row)
    return sorted(found, key=repr)


def snapshot():
    keys = Keys()
    for pk, content_type, object_id in IndexEntry.objects.values_list(
            "pk", "content_type", "object_id"):
        keys.entries[pk] = (keys.model_of(content_type).__name__,
                            keys.of(keys.model_of(content_type), object_id))

    def object_key(values, row):
        return keys.of(keys.model_of(values["content_type_id"]), values["object_id"])

    def revision_content(values, row):
        return keys.content(keys.model_of(values["content_type_id"]), values["content"])

    def referenced(values, row):
        return keys.of(keys.model_of(values["to_content_type_id"]), values["to_object_id"])

    def content_path(values, row):
        # "attachments.<id>.document": the child's id named too.
        assert values["content_path_hash"] == ReferenceIndex._get_content_path_hash(
            values["content_path"])
        parts = values["content_path"].split(".")
        model = keys.model_of(values["content_type_id"])
        if len(parts) > 2 and parts[1].isdigit():
            related = model._meta.get_field(parts[0]).related_model
            parts[1] = repr(keys.of(related, parts[1]))
        return ".".join(parts)

    tables = {model._meta.label: rows(keys, model) for model in (
        Page, GazetteIssuePage, GazetteDocumentPage, GazetteDocumentTag, Tag,
        GazetteAttachment, get_document_model(), Agency)}
    tables["revisions"] = rows(keys, Revision, object_id=object_key, content=revision_content)
    tables["log entries"] = rows(keys, PageLogEntry)
    tables["references"] = rows(keys, ReferenceIndex, object_id=object_key,
                                to_object_id=referenced, content_path=content_path,
                                content_path_hash=lambda values, row: None)
    tables["search index"] = rows(keys, IndexEntry, object_id=object_key)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid, autocomplete, title, body "
                           "FROM wagtailsearch_indexentry_fts")
            tables["search index (FTS5)"] = sorted(
                (keys.entries[rowid], *columns) for rowid, *columns in cursor.fetchall())
    return tables


@pytest.mark.django_db
def test_bulk_import_writes_what_the_page_by_page_import_writes(catalogue):
    with time_machine.travel(STOPPED, tick=False):
        reference_reports, reference = import_twice(catalogue, bulk=False)
        bulk_reports, bulk = import_twice(catalogue, bulk=True)
    assert bulk_reports == reference_reports
    assert reference_reports[0][:2] == (8, 2) and reference_reports[1][:2] == (0, 10)
    # The catalogue reaches every kind of row the comparison is meant to cover.
    for table in ("revisions", "log entries", "references", "search index",
                  "bulletin.GazetteAttachment", "bulletin.GazetteDocumentTag"):
        assert reference[table], table
    assert set(bulk) == set(reference)
    for table, expected in reference.items():
        only_reference = [row for row in expected if row not in bulk[table]]
        only_bulk = [row for row in bulk[table] if row not in expected]
        assert bulk[table] == expected, (table, only_reference, only_bulk)


def test_the_comparison_sees_a_missing_row(catalogue):
    """The snapshot is not blind: one reference-index row, search entry or log entry
    fewer and the tables differ."""
    with time_machine.travel(STOPPED, tick=False), transaction.atomic():
        importer.import_lines(lines(), base_dir=catalogue)
        complete = snapshot()
        for model, table in ((ReferenceIndex, "references"), (IndexEntry, "search index"),
                             (PageLogEntry, "log entries")):
            model.objects.filter(pk=model.objects.order_by("-pk").first().pk).delete()
            assert snapshot()[table] != complete[table], table
        transaction.set_rollback(True)


def test_bulk_import_continues_tree_paths_after_existing_documents(catalogue):
    importer.import_lines(lines(), base_dir=catalogue)
    for issue in GazetteIssuePage.objects.all():
        children = list(Page.objects.child_of(issue).order_by("path"))
        assert issue.numchild == len(children)
        assert [page.path for page in children] == [
            Page._get_path(issue.path, issue.depth + 1, n) for n in range(1, len(children) + 1)]
        assert all(re.fullmatch(r"/home/gazette/[^/]+/[^/]+/", page.url_path)
                   for page in children)
    assert all(not problem for problem in Page.find_problems())
