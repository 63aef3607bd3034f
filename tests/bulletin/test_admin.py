"""Editors create an issue and its documents in the admin, the issue goes through review
and is scheduled for its publication date, and its documents go live with it."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from bulletin import numbering
from bulletin.models import DocumentType, GazetteDocumentPage, GazetteIssuePage
from portal.models import Agency
from tests.bulletin.helpers import form_errors, gazette_index, rich_text
from tests.factories import sign_in_verified


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.gov.tw",
                                                     "a long test password")


def test_editor_creates_reviews_and_schedules_an_issue(client, editor, home):
    index = gazette_index(home)
    agency = Agency.objects.create(name="高雄市政府行政暨國際處", code="397000000A",
                                   locale=home.locale)
    notice = DocumentType.objects.get(name="公示送達")
    sign_in_verified(client, editor)

    publication = timezone.localdate() + datetime.timedelta(days=30)
    year, volume = numbering.roc_year_for(publication), numbering.volume_for(publication)
    response = client.post(f"/admin/pages/add/bulletin/gazetteissuepage/{index.pk}/", {
        "roc_year": year, "volume": volume, "number": 7,
        "publication_date": publication.isoformat(),
        "go_live_at": f"{publication.isoformat()} 08:00",
        "action-submit": "Submit for moderation",
    })
    assert response.status_code == 302, form_errors(response)
    issue = GazetteIssuePage.objects.get(number=7)
    assert issue.title == f"{year}年{volume}字第7期" and not issue.live

    for n in (1, 2):
        response = client.post(
            f"/admin/pages/add/bulletin/gazettedocumentpage/{issue.pk}/", {
                "title": f"公示送達第{n}號", "slug": f"notice-{n}",
                "document_type": notice.pk, "document_number": f"高市府行國字第{n}號",
                "agency": agency.pk, "signing_date": timezone.localdate().isoformat(),
                "body": rich_text("主旨：公示送達。"),
                "attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0,
                "attachments-MIN_NUM_FORMS": 0, "attachments-MAX_NUM_FORMS": 1000,
            })
        assert response.status_code == 302, form_errors(response)
    documents = GazetteDocumentPage.objects.child_of(issue)
    assert documents.count() == 2 and not documents.filter(live=True).exists()
    assert all(document.issue_id == issue.pk for document in documents)

    # A moderator approves the issue; it is scheduled, not yet live.
    state = WorkflowState.objects.get(object_id=str(issue.pk), status="in_progress")
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{issue.pk}/approve/{task_state.pk}/",
        {"comment": "核可"})
    assert response.status_code in (200, 302)
    issue.refresh_from_db()
    revision = Revision.page_revisions.filter(object_id=str(issue.pk)).latest("created_at")
    assert not issue.live and revision.approved_go_live_at is not None

    # The publication date arrives: move the schedule into the past rather than wait.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", verbosity=0)
    issue.refresh_from_db()
    assert issue.live
    assert GazetteDocumentPage.objects.child_of(issue).live().count() == 2
    response = client.get(issue.url)
    assert "公示送達第1號" in response.content.decode()


def test_document_type_is_editable_data(client, editor, db):
    sign_in_verified(client, editor)
    assert DocumentType.objects.filter(parent__name="法規", name="自治條例").exists()
    response = client.get("/admin/snippets/bulletin/documenttype/")
    assert response.status_code == 200 and "自治條例" in response.content.decode()


def test_an_issue_number_already_used_is_a_form_error(client, editor, home):
    """Numbering an issue like one that exists is the editor's mistake to correct, not a
    server error (its address would clash with the existing issue's)."""
    index = gazette_index(home)
    sign_in_verified(client, editor)
    data = {"roc_year": 113, "volume": "夏", "number": 5, "publication_date": "2024-06-05",
            "action-publish": "Publish"}
    url = f"/admin/pages/add/bulletin/gazetteissuepage/{index.pk}/"
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert "113年夏字第5期" in str(form_errors(response)["number"])
    assert GazetteIssuePage.objects.count() == 1


def test_an_incomplete_document_draft_stays_a_draft_when_its_issue_is_published(
        client, editor, home):
    """A document draft may be saved before it is complete. Publishing its issue publishes
    the complete documents and leaves that one a draft, instead of failing the publication
    (a reviewer's approval, or the scheduled run at the publication date)."""
    index = gazette_index(home)
    agency = Agency.objects.create(name="高雄市政府行政暨國際處", code="397000000A",
                                   locale=home.locale)
    notice = DocumentType.objects.get(name="公示送達")
    sign_in_verified(client, editor)
    response = client.post(f"/admin/pages/add/bulletin/gazetteissuepage/{index.pk}/", {
        "roc_year": 113, "volume": "夏", "number": 5, "publication_date": "2024-06-05"})
    assert response.status_code == 302, form_errors(response)
    issue = GazetteIssuePage.objects.get()
    # "null" is what the rich text editor sends when left empty.
    for n, body in ((1, rich_text("主旨：公示送達。")), (2, "null")):
        response = client.post(
            f"/admin/pages/add/bulletin/gazettedocumentpage/{issue.pk}/", {
                "title": f"公示送達第{n}號", "slug": f"notice-{n}",
                "document_type": notice.pk, "document_number": f"高市府行國字第{n}號",
                "agency": agency.pk, "signing_date": "2024-06-01", "body": body,
                "attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0,
                "attachments-MIN_NUM_FORMS": 0, "attachments-MAX_NUM_FORMS": 1000,
            })
        assert response.status_code == 302, form_errors(response)

    response = client.post(f"/admin/pages/{issue.pk}/edit/", {
        "roc_year": 113, "volume": "夏", "number": 5, "publication_date": "2024-06-05",
        "action-publish": "Publish"})
    assert response.status_code == 302, form_errors(response)
    issue.refresh_from_db()
    assert issue.live
    documents = GazetteDocumentPage.objects.child_of(issue)
    assert documents.get(slug="notice-1").live and not documents.get(slug="notice-2").live
