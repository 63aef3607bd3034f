"""The gazette's JSON Lines format (see bulletin/README.md): import and export.

Import is keyed on (issue, document number), so re-importing updates rather than
duplicates. Pages are saved with search indexing switched off and indexed in bulk at the
end, and their references (for the admin's usage listings) are recorded by a task, which
keeps a large back catalogue fast to load."""

import datetime
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nh3
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_delete_signal_handler, post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from portal.agencies import store_canonical
from portal.caching import bump_content_version
from portal.i18n import default_language, default_locale
from portal.models import Agency, normalise_code

from . import consultations, numbering, signals, tasks
from .models import (
    DocumentType,
    GazetteAttachment,
    GazetteDocumentPage,
    GazetteDocumentTag,
    GazetteIndexPage,
    GazetteIssuePage,
    keyword_tags,
)

# What the document body's rich-text editor allows (RICH_TEXT_FEATURES).
ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "ol", "ul", "li", "a",
                "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


class RecordError(ValueError):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # [(line number, reason)]
    pages: list = field(default_factory=list)  # issues and documents saved, to index

    @property
    def documents(self):
        return [page for page in self.pages if isinstance(page, GazetteDocumentPage)]


def sanitise(html):
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel=None)


def _date(record, key, required=True):
    raw = record.get(key)
    if raw in (None, ""):
        if required:
            raise RecordError(f"missing {key}")
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise RecordError(f"{key} is not an ISO date: {raw!r}") from None


def _text(record, key, required=True):
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordError(f"missing {key}")
        return ""
    if not isinstance(value, str):
        raise RecordError(f"{key} must be a string")
    return value.strip()


def comment_deadline(record, fields, published):
    """A draft for comment's deadline (表示意見截止日期): `comment_deadline`, else the period
    its notice states (「刊登公報之次日起60日內」) counted from the issue's date. Other
    documents have none."""
    deadline = _date(record, "comment_deadline", required=False)
    if deadline is None and fields["document_type"].takes_comments:
        deadline = consultations.deadline_from_text(fields["body"], published)
    problem = consultations.deadline_problem(fields["document_type"], deadline,
                                             fields["signing_date"])
    if problem:
        with translation.override("en"):  # as the importer's other reasons
            raise RecordError(str(problem))
    return deadline


@contextmanager
def indexing_deferred():
    """Page saves inside skip the search index; the caller indexes in bulk afterwards."""
    models = (GazetteIssuePage, GazetteDocumentPage)
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_delete.disconnect(post_delete_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
            post_delete.connect(post_delete_signal_handler, sender=model)


# Ids per query: SQLite allows at most 32,766 parameters in one statement.
CHUNK = 1000


def _chunks(ids):
    ids = list(ids)
    return [ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK)]


def index_pages(pages, indexed_objects=False, written=None):
    """Indexes the pages a chunk per model at a time (the database backend's title norms
    depend on those chunks, so both import paths keep them) and records their references.
    With `indexed_objects`, each chunk is read with what indexing needs (a document's
    keywords in one query, not three per document). `written` ({pk: page}) are pages the
    bulk importer wrote: indexed as they are in memory, their references already
    recorded."""
    written = written or {}
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), {})[page.pk] = page
    for backend in get_search_backends():
        for model, objects in by_model.items():
            rows = model.get_indexed_objects() if indexed_objects else model.objects
            for ids in _chunks(objects):
                read = [pk for pk in ids if pk not in written]
                backend.add_bulk(model, [*(written[pk] for pk in ids if pk in written),
                                         *(rows.filter(pk__in=read) if read else [])])
    for ids in _chunks(dict.fromkeys(page.pk for page in pages if page.pk not in written)):
        tasks.index_references.enqueue(ids)


# A back catalogue this large changes the tables' shape enough for the query planner's
# statistics to matter (SQLite has none until ANALYZE runs).
ANALYSE_AFTER = 1000


def analyse_tables():
    tables = [model._meta.db_table for model in
              (Page, GazetteIssuePage, GazetteDocumentPage)]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def child_slots(parent):
    """(the slugs taken under `parent`, the step of its next child's path): what placing
    children in bulk needs to know of those already there."""
    rows = list(Page.objects.child_of(parent).values_list("slug", "path"))
    last = max((path for _slug, path in rows), default=None)
    return {slug for slug, _path in rows}, Page._str2int(last[-Page.steplen:]) + 1 if last else 1


class Importer:
    def __init__(self):
        self.locale = default_locale()
        self.tags = {}  # keyword → tag, looked up once per import
        self.index_page = GazetteIndexPage.objects.filter(locale=self.locale).first()
        if self.index_page is None:
            raise RecordError("there is no gazette index page to import into")
        self.issues = {}
        self.agencies = {}
        self.types = {(t.parent.name if t.parent_id else None, t.name): t
                      for t in DocumentType.objects.select_related("parent")}
        self.now = timezone.now()

    def issue(self, data):
        if not isinstance(data, dict):
            raise RecordError("missing issue")
        try:
            year, volume, number = int(data["roc_year"]), data["volume"], int(data["number"])
        except (KeyError, TypeError, ValueError):
            raise RecordError("issue needs roc_year, volume and number") from None
        if volume not in numbering.VOLUMES:
            raise RecordError(f"issue volume must be one of {''.join(numbering.VOLUMES)}")
        published = _date(data, "published")
        problem = numbering.check_issue_date(year, volume, published)
        if problem:
            raise RecordError(problem)
        key = (year, volume, number)
        if key not in self.issues:
            issue = GazetteIssuePage.objects.filter(
                locale=self.locale, roc_year=year, volume=volume, number=number).first()
            if issue is None:
                issue = self.new_issue(year, volume, number, published)
                self.new_pages.append(issue)
            elif issue.publication_date != published:
                issue.publication_date = published
                issue.save()
            self.issues[key] = issue
        return self.issues[key]

    def issue_page(self, year, volume, number, published):
        return GazetteIssuePage(
            title=numbering.issue_label(year, volume, number),
            slug=numbering.issue_key(year, volume, number), locale=self.locale,
            roc_year=year, volume=volume, number=number, publication_date=published,
            live=True, first_published_at=self.now, last_published_at=self.now)

    def new_issue(self, year, volume, number, published):
        issue = self.issue_page(year, volume, number, published)
        self.index_page.add_child(instance=issue)
        return issue

    def document_type(self, record):
        kind, subtype = _text(record, "type"), _text(record, "subtype", required=False)
        found = self.types.get((kind, subtype)) if subtype else self.types.get((None, kind))
        if found is None or (not subtype and found.subtypes.exists()):
            raise RecordError(f"unknown document type {kind}/{subtype or '-'}")
        return found

    def agency(self, data):
        """The agency by its code alone: a name spelt differently, or in English, is the same
        agency; one known only in another language gains its row here, as its translation."""
        if not isinstance(data, dict) or not data.get("code") or not data.get("name"):
            raise RecordError("agency needs a name and a code")
        code = normalise_code(data["code"])
        if len(code) > 10 or len(str(data["name"])) > 120:
            raise RecordError("agency code is at most 10 characters and its name 120")
        if code not in self.agencies:
            rows = Agency.objects.filter(code=code).order_by("pk")
            found = rows.filter(locale=self.locale).first()
            if found is None:
                other = rows.first()
                found = Agency(code=code, locale=self.locale, name=str(data["name"]))
                if other is not None:
                    found.translation_key = other.translation_key
                found.save()
            self.agencies[code] = found
        return self.agencies[code]

    def attachments(self, page, items, base_dir):
        if not isinstance(items, list):
            raise RecordError("attachments must be a list")
        Document = get_document_model()
        rows = []
        for item in items:
            if not isinstance(item, dict) or not item.get("path") or not item.get("title"):
                raise RecordError("each attachment needs a title and a path")
            path = Path(item["path"])
            if not path.is_absolute():
                path = base_dir / path
            if not path.is_file():
                raise RecordError(f"attachment file not found: {item['path']}")
            document = Document.objects.filter(title=item["title"],
                                               file_size=path.stat().st_size).first()
            if document is None:
                with path.open("rb") as handle:
                    document = Document(title=item["title"])
                    document.file.save(path.name, File(handle), save=False)
                    document.file_size = path.stat().st_size
                    document.save()
            rows.append(GazetteAttachment(page=page, title=item["title"], document=document,
                                          sort_order=len(rows)))
        return rows

    def fields(self, record):
        """The record's issue, document number, page fields and keywords, checked."""
        if not isinstance(record, dict):
            raise RecordError("a line must be a JSON object")
        issue = self.issue(record.get("issue"))
        number = _text(record, "document_number")
        if len(number) > 80:
            raise RecordError("document_number is at most 80 characters")
        fields = {
            "title": _text(record, "title")[:255],
            "title_en": (_text(record, "title_en", required=False))[:255],
            "document_type": self.document_type(record),
            "agency": self.agency(record.get("agency")),
            "signing_date": _date(record, "signed"),
            "effective_date": _date(record, "effective", required=False),
            "body": sanitise(_text(record, "body_html")),
        }
        fields["comment_deadline"] = comment_deadline(record, fields, issue.publication_date)
        keywords = record.get("keywords") or []
        corrects = record.get("correction_of")
        fields["correction_of"] = None
        if corrects:
            fields["correction_of"] = self.corrected(str(corrects))
            if fields["correction_of"] is None:
                raise RecordError(f"correction_of {corrects} is not an imported document")
        return issue, number, fields, keywords

    def corrected(self, number):
        return (GazetteDocumentPage.objects.filter(locale=self.locale, document_number=number)
                .order_by("-pk").first())

    def record(self, record, base_dir):
        return self.save_page(*self.fields(record), record, base_dir)

    def save_page(self, issue, number, fields, keywords, record, base_dir):
        page = GazetteDocumentPage.objects.filter(issue=issue, document_number=number).first()
        created = page is None
        with transaction.atomic():
            if created:
                page = GazetteDocumentPage(
                    slug=slugify(number, allow_unicode=True) or "document", locale=self.locale,
                    document_number=number, issue=issue, live=True,
                    first_published_at=self.now, last_published_at=self.now, **fields)
                page.set_keywords(keywords, self.tags)
                issue.add_child(instance=page)
            else:
                for name, value in fields.items():
                    setattr(page, name, value)
                page.set_keywords(keywords, self.tags)
                page.save()
            attachments = self.attachments(page, record.get("attachments") or [], base_dir)
            GazetteAttachment.objects.filter(page=page).delete()
            GazetteAttachment.objects.bulk_create(attachments)
            if not page.live:
                # Under an issue that is not live yet the page starts as a draft: the issue's
                # publication takes this revision, attachments included, live with it
                # (bulletin.signals).
                page.save_revision(clean=False, log_action=False)
        self.new_pages.append(page)
        return created

    def run(self, lines, base_dir, strict=False, progress=None):
        report = ImportReport()
        self.new_pages = report.pages
        # One transaction for the file: a commit per page would dominate the time. Each
        # record still rolls back alone through its savepoint.
        with indexing_deferred(), disable_reference_index_auto_update(), transaction.atomic():
            for number, line in enumerate(lines, start=1):
                if progress is not None:
                    progress.update(1)
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    created = self.record(record, base_dir)
                except json.JSONDecodeError as error:
                    reason = f"not valid JSON ({error.msg})"
                except RecordError as error:
                    reason = str(error)
                else:
                    report.created += created
                    report.updated += not created
                    continue
                report.errors.append((number, reason))
                self.tags.clear()  # tags that record created were rolled back with it
                if strict:
                    break
            self.finish()
        self.index(report.pages)
        # Once for the file: its pages were saved around the signals that count again.
        signals.note_change()
        if report.created >= ANALYSE_AFTER:
            analyse_tables()
        return report


    def finish(self):
        """Writes what the records left pending (nothing: this importer saves as it goes)."""

    def index(self, pages):
        index_pages(pages)


# New documents are written this many at a time (with the new issues they belong to).
BATCH = 500


class BulkImporter(Importer):
    """The same import, with new issues and documents written in bulk: their tree paths
    are computed here (treebeard's materialised paths, the next steps under their parent)
    and their page rows, specific rows, keywords, attachments, creation log entries and
    references inserted a batch at a time, then indexed from memory. It writes what
    `Importer` writes, row for row (tests/bulletin/test_import_bulk.py compares them).

    A record is written by the page-by-page path instead, after the batch so far, when
    that path would do more than insert a live page: an update (the issue and number
    exist, or came earlier in the file), a document under an issue that is not live
    (saved as a draft with a revision), or one the page's validation would refuse (an
    empty body after sanitising, a slug taken under the issue). New issues are written in
    bulk the same way, before their documents, unless their slug is taken."""

    def __init__(self):
        super().__init__()
        self.pending = []  # new documents, in file order
        self.pending_numbers = set()
        self.children = {}  # issue path → [document numbers, slugs, next path step]
        self.types_with_subtypes = {t.parent_id for t in self.types.values() if t.parent_id}
        self.created_issues = set()  # paths of issues this import created: no children before
        self.pending_issues = []
        self.issue_slots = None  # [slugs under the gazette index, next path step]
        self.written = {}  # pk → document written in bulk, indexed as it is in memory

    def document_type(self, record):
        # As the parent's, without a query per record for the subtypes.
        kind, subtype = _text(record, "type"), _text(record, "subtype", required=False)
        found = self.types.get((kind, subtype)) if subtype else self.types.get((None, kind))
        if found is None or (not subtype and found.pk in self.types_with_subtypes):
            raise RecordError(f"unknown document type {kind}/{subtype or '-'}")
        return found

    def new_issue(self, year, volume, number, published):
        issue = self.issue_page(year, volume, number, published)
        if self.issue_slots is None:
            self.issue_slots = list(child_slots(self.index_page))
        slugs, step = self.issue_slots
        if issue.slug in slugs:
            # Page validation refuses it, as it does page by page.
            self.flush()
            self.issue_slots = None
            return super().new_issue(year, volume, number, published)
        index = self.index_page
        issue.depth = index.depth + 1
        issue.path = Page._get_path(index.path, issue.depth, step)
        issue.numchild = 0
        issue.url_path = index.url_path + issue.slug + "/"
        issue.draft_title = issue.title
        issue.wagtail_admin_comments = []
        slugs.add(issue.slug)
        self.issue_slots[1] = step + 1
        self.pending_issues.append(issue)
        self.created_issues.add(issue.path)
        return issue

    def corrected(self, number):
        if number in self.pending_numbers:
            self.flush()  # the corrected document is in the batch: write it first
        return super().corrected(number)

    def issue_children(self, issue):
        if issue.path not in self.children:
            if issue.path in self.created_issues:
                self.children[issue.path] = [set(), set(), 1]
            else:
                numbers = set(GazetteDocumentPage.objects.filter(issue=issue)
                              .values_list("document_number", flat=True))
                self.children[issue.path] = [numbers, *child_slots(issue)]
        return self.children[issue.path]

    def record(self, record, base_dir):
        issue, number, fields, keywords = self.fields(record)
        slug = slugify(number, allow_unicode=True) or "document"
        children = self.issue_children(issue)
        numbers, slugs, step = children
        if not issue.live or not fields["body"] or number in numbers or slug in slugs:
            self.flush()
            # The page-by-page path may add a child: the issue's are read again.
            self.children.pop(issue.path, None)
            self.created_issues.discard(issue.path)
            created = self.save_page(issue, number, fields, keywords, record, base_dir)
            # A document written in bulk and updated since is indexed as the database has it.
            self.written.pop(self.new_pages[-1].pk, None)
            return created
        page = GazetteDocumentPage(
            slug=slug, locale=self.locale, document_number=number, issue=issue, live=True,
            first_published_at=self.now, last_published_at=self.now, **fields)
        items = record.get("attachments") or []
        if items:
            # Files and tags that a failing record made roll back with it, as they do
            # in the page-by-page path.
            with transaction.atomic():
                tags = keyword_tags(keywords, self.tags)
                attachments = self.attachments(page, items, base_dir)
        else:
            tags, attachments = keyword_tags(keywords, self.tags), []
        # What add_child and Page.save would set (treebeard's path, Wagtail's url_path and
        # draft title, the document's copy of its issue's date).
        page.depth = issue.depth + 1
        page.path = Page._get_path(issue.path, page.depth, step)
        page.numchild = 0
        page.url_path = issue.url_path + slug + "/"
        page.draft_title = page.title
        page.publication_date = issue.publication_date
        store_canonical(GazetteDocumentPage, page)  # the pre_save receiver bulk_create skips
        numbers.add(number)
        slugs.add(slug)
        children[2] = step + 1
        # Held as the page's own keyword and attachment rows (modelcluster keeps them in
        # memory), which indexing and the reference index read without a query.
        page.tagged_items = [GazetteDocumentTag(tag=tag) for tag in tags]
        page.attachments = attachments
        page.wagtail_admin_comments = []  # a new page has none
        self.pending.append(page)
        self.pending_numbers.add(number)
        self.new_pages.append(page)
        if len(self.pending) >= BATCH:
            self.flush()
        return True

    def flush(self):
        issues, pages = self.pending_issues, self.pending
        if issues:
            insert_pages(issues)
            index = self.index_page
            Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(issues))
            index.numchild += len(issues)
            log_created(issues)
            record_references(GazetteIssuePage, issues)
            self.written.update((issue.pk, issue) for issue in issues)
            self.pending_issues = []
        if not pages:
            return
        for page in pages:
            page.issue = page.issue  # its id, now that a new issue has one
        insert_pages(pages)
        added = {}
        for page in pages:
            added[page.issue] = added.get(page.issue, 0) + 1
        for issue, count in added.items():
            Page.objects.filter(pk=issue.pk).update(numchild=F("numchild") + count)
            issue.numchild += count
        for model, relation in ((GazetteDocumentTag, "tagged_items"),
                                (GazetteAttachment, "attachments")):
            model.objects.bulk_create(
                [row for page in pages for row in getattr(page, relation).all()])
        log_created(pages)
        record_references(GazetteDocumentPage, pages)
        self.written.update((page.pk, page) for page in pages)
        self.pending = []
        self.pending_numbers.clear()

    def finish(self):
        self.flush()
        if self.written:
            # Each page saved whole while live tells the page cache (portal.invalidation);
            # the batch tells it once.
            bump_content_version()

    def index(self, pages):
        index_pages(pages, indexed_objects=True, written=self.written)


def insert_pages(pages):
    """Inserts new pages of one specific model, their paths already set: the Page rows in
    bulk, then the specific rows (Django's bulk_create refuses multi-table inheritance)."""
    model = type(pages[0])
    base_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages])
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk
        page._state.adding = False
        page._state.db = row._state.db
    fields = model._meta.local_concrete_fields
    size = connection.ops.bulk_batch_size(fields, pages) or len(pages)
    for start in range(0, len(pages), size):
        model._base_manager._insert(pages[start:start + size], fields=fields)


def record_references(model, pages):
    """ReferenceIndex.create_or_update_for_object for many pages of one model: their
    references read as Wagtail reads them (from the pages in memory, keyword and attachment
    rows included), compared with the rows recorded, the difference written in bulk."""
    content_types = [ContentType.objects.get_for_model(m, for_concrete_model=False)
                     for m in (model, *model._meta.get_parent_list())]
    content_type, base_content_type = content_types[0], content_types[-1]
    known = {ct.id for ct in content_types}
    existing = {}
    for row in ReferenceIndex.objects.filter(
            base_content_type=base_content_type,
            object_id__in=[page.pk for page in pages]).values_list(
                "id", "object_id", "content_type_id", "to_content_type_id", "to_object_id",
                "model_path", "content_path"):
        row_id, object_id, row_type, *reference = row
        existing.setdefault(str(object_id), {})[tuple(reference)] = (row_type, row_id)
    new_rows, stale = [], []
    for page in pages:
        references = set(ReferenceIndex._extract_references_from_object(page))
        recorded = existing.get(str(page.pk), {})
        for to_content_type_id, to_object_id, model_path, content_path in (
                references - set(recorded)):
            new_rows.append(ReferenceIndex(
                content_type=content_type, base_content_type=base_content_type,
                object_id=page.pk, to_content_type_id=to_content_type_id,
                to_object_id=to_object_id, model_path=model_path, content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path)))
        stale.extend(row_id for reference, (row_type, row_id) in recorded.items()
                     if reference not in references and row_type in known)
    options = {"ignore_conflicts": True} if connection.features.supports_ignore_conflicts else {}
    ReferenceIndex.objects.bulk_create(new_rows, **options)
    ReferenceIndex.objects.filter(id__in=stale).delete()


def log_created(pages):
    """The "created" log entries Page.save writes for new pages."""
    context = get_active_log_context()
    content_types = {}
    entries = []
    for page in pages:
        model = type(page)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(
                page, for_concrete_model=False)
        entries.append(PageLogEntry(
            content_type=content_types[model], label=page.get_admin_display_title(),
            action="wagtail.create", timestamp=timezone.now(), data={},
            content_changed=True, user=page.owner or context.user, uuid=context.uuid,
            page=page))
    PageLogEntry.objects.bulk_create(entries)


def import_lines(lines, base_dir=Path("."), strict=False, progress=None, bulk=True):
    """Imports the lines; `bulk=False` takes the page-by-page path (the reference the bulk
    one is checked against, tests/bulletin/test_import_bulk.py)."""
    importer = BulkImporter() if bulk else Importer()
    return importer.run(lines, Path(base_dir), strict=strict, progress=progress)


def export_records():
    """One dict per live Chinese document, in the import format."""
    documents = (GazetteDocumentPage.objects.live().filter(
        locale__language_code=default_language())
        .select_related("issue", "agency", "document_type__parent", "correction_of")
        .prefetch_related("attachments__document", "tagged_items__tag")
        .order_by("issue__publication_date", "path"))
    for document in documents.iterator(chunk_size=500):
        kind = document.document_type
        issue = document.issue
        yield {
            "issue": {"roc_year": issue.roc_year, "volume": issue.volume,
                      "number": issue.number, "published": issue.publication_date.isoformat()},
            "type": kind.top.name,
            "subtype": kind.subtype_name,
            "document_number": document.document_number,
            "agency": {"name": document.agency.name, "code": document.agency.code},
            "title": document.title,
            "title_en": document.title_en or None,
            "signed": document.signing_date.isoformat(),
            "effective": document.effective_date.isoformat() if document.effective_date else None,
            "comment_deadline": (document.comment_deadline.isoformat()
                                 if document.comment_deadline else None),
            "body_html": document.body,
            "keywords": document.keyword_list,
            "attachments": [{"title": a.title, "path": a.document.file.path}
                            for a in document.attachments.all()],
            "correction_of": (document.correction_of.document_number
                              if document.correction_of_id else None),
        }
