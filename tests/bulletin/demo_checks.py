"""What the demo gazette must show (run by tests/home/test_demo_content.py)."""

import datetime
import io
import re

from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Revision

from bulletin.models import (
    GazetteDocumentPage,
    GazetteIssuePage,
    drafts_for_comment,
    open_consultations,
)
from petitions.files import sniff
from portal.dates import format_roc_date
from portal.models import Agency
from tests.html import parse
from tests.scheduling import run_scheduler, travel


def check(client):
    assert GazetteIssuePage.objects.live().count() >= 20
    assert GazetteDocumentPage.objects.live().count() >= 300
    correction = GazetteDocumentPage.objects.exclude(correction_of=None).first()
    text = client.get(correction.correction_of.url).content.decode()
    assert correction.title in text
    assert client.get("/gazette/").status_code == 200
    assert client.get("/en/gazette/").status_code == 200
    # The home page section: the latest live issue (the recent one with the open drafts).
    latest = GazetteIssuePage.objects.live().order_by("-publication_date").first()
    assert latest.title in client.get("/").content.decode()
    # The gazette's agencies are the portal's: one agency, one code, one name.
    names = list(Agency.objects.filter(locale__language_code="zh-hant")
                 .values_list("name", flat=True))
    assert len(names) == len(set(names)), sorted(names)

    documents_and_issues_have_their_pdfs(client)
    drafts_for_comment_show_their_deadlines_and_counts(client)

    # Today's issue is scheduled a few minutes ahead, and the scheduler that `make run`
    # starts puts it live by itself (its own loop over frozen time).
    upcoming = GazetteIssuePage.objects.get(publication_date=timezone.localdate())
    revision = Revision.page_revisions.get(object_id=str(upcoming.pk))
    assert not upcoming.live
    # A few minutes after the demo scheduled it (not after now: loading the demo twice on a
    # busy machine may itself take minutes).
    assert (revision.created_at < revision.approved_go_live_at
            < revision.created_at + datetime.timedelta(minutes=10))
    assert client.get(upcoming.url).status_code == 404
    assert upcoming.pdf is not None
    assert client.get(upcoming.pdf.url).status_code == 404  # held back with its issue
    held = list(GazetteDocumentPage.objects.child_of(upcoming))
    assert len(held) == 2 and not any(document.live for document in held)
    assert all(client.get(f"/gazette/d/{document.pk}/").status_code == 404 for document in held)
    with travel(revision.approved_go_live_at - datetime.timedelta(seconds=90)) as traveller:
        run_scheduler(traveller, revision.approved_go_live_at + datetime.timedelta(seconds=61))
        upcoming.refresh_from_db()
        assert upcoming.live
        assert client.get(upcoming.url).status_code == 200
        assert pdf_text(served(client, upcoming.pdf.url)).count("裁處書") >= 2
        assert GazetteDocumentPage.objects.child_of(upcoming).live().count() == 2
        assert all(client.get(f"/gazette/d/{document.pk}/").status_code == 302
                   for document in held)


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_text(data):
    """The text of every page, without the spaces and line breaks of the layout."""
    assert sniff(data) == "application/pdf"  # what an upload of it would be checked for
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(
        io.BytesIO(data)).pages))


def flat(text):
    return re.sub(r"\s+", "", text)


def documents_and_issues_have_their_pdfs(client):
    documents = GazetteDocumentPage.objects.live().prefetch_related("attachments__document")
    for document in documents:
        attachment, = document.attachments.all()
        with attachment.document.open_file() as handle:
            assert sniff(handle.read(8)) == "application/pdf", document.document_number

    # A document's PDF holds its text: number, ROC date, title and body.
    document = documents.get(document_number__startswith="高市府行國", title__startswith="公告本府",
                             issue__number=3, issue__volume="春")
    page = client.get(document.url).content.decode()
    attachment = document.attachments.get()
    assert attachment.document.url in page
    text = pdf_text(served(client, attachment.document.url))
    for part in (document.document_number, document.title,
                 "中華民國" + format_roc_date(document.signing_date).removeprefix("民國"),
                 "主旨：公告本府會同相關機關稽查"):
        assert flat(part) in text, part

    # Each issue has its official PDF: the table of contents and every document.
    issues = GazetteIssuePage.objects.live()
    assert not issues.filter(pdf=None).exists()
    issue = issues.get(roc_year=113, volume="夏", number=2)
    assert issue.pdf.url in client.get(issue.url).content.decode()
    text = pdf_text(served(client, issue.pdf.url))
    assert text.index("目次") < text.index("發文字號")
    children = GazetteDocumentPage.objects.child_of(issue).live()
    assert children.count() >= 4
    for child in children:
        assert text.count(flat(child.document_number)) == 2  # in the contents and in full
        assert flat(child.title) in text


def drafts_for_comment_show_their_deadlines_and_counts(client):
    """Issue 20: drafts open and closed, in both languages, with comments counted."""
    open_drafts = list(open_consultations())
    assert len(open_drafts) >= 2 and all(draft.title_en for draft in open_drafts)
    closed = drafts_for_comment().filter(comment_deadline__lt=timezone.localdate()).get()
    for draft in (*open_drafts, closed):
        assert draft.comment_cases.exists()
        page = parse(client.get(draft.url).content.decode())
        assert page.select_one(".comment-count").get_text(strip=True).startswith("已收到")
    page = parse(client.get(open_drafts[0].url).content.decode())
    assert "尚餘" in page.get_text() and page.select_one("a.comment-button")
    assert parse(client.get(closed.url).content.decode()).select_one("a.comment-button") is None
    english = parse(client.get("/en/gazette/consultations/").content.decode())
    assert len(english.select(".consultation-item")) == len(open_drafts)
    assert "Open consultations" in client.get("/en/").content.decode()
