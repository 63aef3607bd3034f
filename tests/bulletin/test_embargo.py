"""The gazette embargo: a scheduled issue's documents and files stay off every public surface
until the issue goes live, then appear everywhere at once. Editors schedule the issue in the
admin, the scheduled run (`publish_scheduled`) publishes it, and the public looks with a
browser, the APIs, a feed reader and the open-data catalogue."""

import datetime
import zoneinfo
from urllib.parse import unquote

import feedparser
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import GroupPagePermission, WorkflowState

from bulletin.models import DocumentType, GazetteDocumentPage, GazetteIssuePage
from opendata.models import DatasetPage, DatasetResource
from portal.models import Agency
from tests.bulletin.helpers import form_errors, gazette_index, load, record, rich_text
from tests.factories import add_page, sign_in_verified, translate
from tests.opendata.page_makers import make_index
from tests.sign_in import sign_in

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
GO_LIVE = datetime.datetime(2030, 6, 5, 8, 0, tzinfo=TAIPEI)
DAY_BEFORE = GO_LIVE - datetime.timedelta(days=1)
MINUTE_BEFORE = GO_LIVE - datetime.timedelta(minutes=1)
TITLE = "高雄市公有收費停車場管理自治條例修正"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.gov.tw",
                                                     "a long test password")


@pytest.fixture
def public():
    return Client()


def add_document(client, issue, slug, action, attachment=None, title=TITLE):
    agency = Agency.objects.get(code="397000000A")
    data = {
        "title": title, "slug": slug,
        "document_type": DocumentType.objects.get(name="自治條例").pk,
        "document_number": f"高市府法規字第{slug}號", "agency": agency.pk,
        "signing_date": "2030-05-20", "body": rich_text("修正停車場收費標準。"),
        "keywords": "停車場",
        "attachments-TOTAL_FORMS": 1 if attachment else 0, "attachments-INITIAL_FORMS": 0,
        "attachments-MIN_NUM_FORMS": 0, "attachments-MAX_NUM_FORMS": 1000,
        action: "yes",
    }
    if attachment:
        data.update({"attachments-0-title": "修正條文對照表",
                     "attachments-0-document": attachment.pk, "attachments-0-ORDER": 1})
    return client.post(f"/admin/pages/add/bulletin/gazettedocumentpage/{issue.pk}/", data)


@pytest.fixture
def scheduled(client, editor, home):
    """An issue an editor scheduled for 2030-06-05 08:00, with one document and its file,
    beside an issue published earlier (so every surface has something to show)."""
    index = gazette_index(home)
    translate(index, "en", title="City Gazette")
    load(record(1))  # 113年夏字第5期, live, by the importer
    file = get_document_model().objects.create(
        title="修正條文對照表", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="table.pdf"))
    with time_machine.travel(DAY_BEFORE, tick=False):
        sign_in_verified(client, editor)
        response = client.post(f"/admin/pages/add/bulletin/gazetteissuepage/{index.pk}/", {
            "roc_year": 119, "volume": "夏", "number": 7, "publication_date": "2030-06-05",
            "go_live_at": "2030-06-05 08:00", "action-publish": "Publish"})
        assert response.status_code == 302, form_errors(response)
        issue = GazetteIssuePage.objects.get(number=7)
        # The editor publishes the document at once: before the embargo, it went live.
        response = add_document(client, issue, "parking", "action-publish", attachment=file)
        assert response.status_code == 302, form_errors(response)
    document = GazetteDocumentPage.objects.get(slug="parking")
    dataset = DatasetPage(title="公報期數", slug="gazette-issues", identifier="gazette-issues",
                          locale=home.locale, description="各期公報", update_frequency="live")
    dataset.resources = [DatasetResource(title="各期", format="CSV", generator="gazette-issues")]
    make_index(home).add_child(instance=dataset)
    dataset.save_revision().publish()
    return issue, document, file


def sightings(client, issue, document, file):
    """Where the public finds the scheduled issue's document, its file or the issue."""
    feed = feedparser.parse(client.get("/gazette/feed.atom").content)
    assert feed.entries, "the earlier issue's document is in the feed"
    package = client.get("/api/3/action/package_show", {"id": "gazette-issues"}).json()
    dataset = client.get(package["result"]["resources"][0]["url"])
    wagtail_pages = client.get("/api/v2/pages/", {"type": "bulletin.GazetteDocumentPage",
                                                  "fields": "title"}).json()["items"]
    found = {
        "page": client.get(f"/gazette/{issue.slug}/parking/").status_code == 200,
        "permalink": client.get(f"/gazette/d/{document.pk}/").status_code == 302,
        "English permalink": client.get(f"/en/gazette/d/{document.pk}/").status_code == 200,
        "issue page": client.get(f"/gazette/{issue.slug}/").status_code == 200,
        "gazette index": TITLE in client.get("/gazette/").content.decode(),
        "JSON API": TITLE in [row["title"] for row in
                              client.get("/api/gazette/documents.json").json()["results"]],
        "JSON document": client.get(
            f"/api/gazette/documents/{document.pk}.json").status_code == 200,
        "JSON issue": client.get(f"/api/gazette/issues/{issue.key}.json").status_code == 200,
        "CSV": TITLE in client.get("/api/gazette/documents.csv").content.decode("utf-8"),
        "feed": TITLE in [entry.title for entry in feed.entries],
        "gazette search": TITLE in client.get(
            "/gazette/", {"conditions[term]": "停車場"}).content.decode(),
        "site search": TITLE in client.get("/search/", {"q": "停車場"}).content.decode(),
        "sitemap": "/parking/" in client.get("/sitemap-pages.xml").content.decode(),
        "Wagtail API": TITLE in [page["title"] for page in wagtail_pages],
        "file": client.get(file.url).status_code == 200,
        "files API": file.pk in [item["id"] for item in
                                 client.get("/api/v2/documents/").json()["items"]],
        "CKAN dataset": "2030-06-05" in b"".join(dataset.streaming_content).decode(),
    }
    return {surface for surface, seen in found.items() if seen}


def test_a_scheduled_issue_and_its_documents_appear_everywhere_at_its_time(
        scheduled, public):
    issue, document, file = scheduled
    assert not GazetteDocumentPage.objects.get(pk=document.pk).live
    with time_machine.travel(DAY_BEFORE, tick=False):
        assert sightings(public, issue, document, file) == set()
    with time_machine.travel(MINUTE_BEFORE, tick=False):
        call_command("publish_scheduled", verbosity=0)
        assert sightings(public, issue, document, file) == set()
    with time_machine.travel(GO_LIVE + datetime.timedelta(seconds=30), tick=False):
        call_command("publish_scheduled", verbosity=0)
        assert sightings(public, issue, document, file) == {
            "page", "permalink", "English permalink", "issue page", "gazette index",
            "JSON API", "JSON document", "JSON issue", "CSV", "feed", "gazette search",
            "site search", "sitemap", "Wagtail API", "file", "files API", "CKAN dataset"}


def edit_data(document, **changes):
    data = {
        "title": document.title, "slug": document.slug,
        "document_type": document.document_type_id,
        "document_number": document.document_number, "agency": document.agency_id,
        "signing_date": document.signing_date.isoformat(),
        "body": rich_text("修正停車場收費標準。"), "keywords": ", ".join(document.keyword_list),
        "attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0,
        "attachments-MIN_NUM_FORMS": 0, "attachments-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


def test_publishing_a_document_before_its_issue_keeps_the_draft_and_says_why(
        client, scheduled):
    issue, document, _file = scheduled
    with time_machine.travel(DAY_BEFORE, tick=False):
        response = client.post(f"/admin/pages/{document.pk}/edit/", edit_data(
            document, title="高雄市公有收費停車場管理自治條例修正草案",
            **{"action-publish": "Publish"}), follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "已存為草稿，尚未發布" in text and "119年夏字第7期" in text
    document = GazetteDocumentPage.objects.get(pk=document.pk)
    assert not document.live
    # Nothing the editor wrote is lost, and the issue's time takes it live.
    assert document.get_latest_revision_as_object().title.endswith("草案")
    with time_machine.travel(GO_LIVE + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", verbosity=0)
    document = GazetteDocumentPage.objects.get(pk=document.pk)
    assert document.live and document.title.endswith("草案")


def test_a_reviewers_approval_of_a_document_waits_for_its_issue(client, scheduled, public):
    issue, _document, _file = scheduled
    with time_machine.travel(DAY_BEFORE, tick=False):
        response = add_document(client, issue, "fees", "action-submit", title="停車場收費")
        assert response.status_code == 302, form_errors(response)
        document = GazetteDocumentPage.objects.get(slug="fees")
        state = WorkflowState.objects.get(object_id=str(document.pk), status="in_progress")
        response = client.post(f"/admin/pages/workflow/action/{document.pk}/approve/"
                               f"{state.current_task_state.pk}/", {"comment": "核可"})
        assert response.status_code in (200, 302)
        assert not GazetteDocumentPage.objects.get(pk=document.pk).live
        assert public.get(f"/api/gazette/documents/{document.pk}.json").status_code == 404
    with time_machine.travel(GO_LIVE + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", verbosity=0)
        assert public.get(f"/api/gazette/documents/{document.pk}.json").status_code == 200


def test_unpublishing_an_issue_takes_its_documents_down_and_keeps_their_drafts(
        client, editor, home, public):
    gazette_index(home)
    report = load(record(1), record(2))
    issue = report.pages[-1].get_parent().specific
    sign_in_verified(client, editor)
    response = client.post(f"/admin/pages/{issue.pk}/unpublish/", follow=True)
    assert response.status_code == 200
    assert "2 份文件已一併取消發布" in response.content.decode()
    documents = GazetteDocumentPage.objects.child_of(issue)
    assert documents.count() == 2 and not documents.filter(live=True).exists()
    for document in documents:
        assert public.get(f"/gazette/d/{document.pk}/").status_code == 404
        assert document.get_latest_revision() is not None
    # Published again, the issue takes them live again.
    response = client.post(f"/admin/pages/{issue.pk}/edit/", {
        "roc_year": 113, "volume": "夏", "number": 5, "publication_date": "2024-06-05",
        "action-publish": "Publish"})
    assert response.status_code == 302, form_errors(response)
    assert documents.filter(live=True).count() == 2


def test_a_permalink_past_the_databases_integers_is_not_found(client, home):
    gazette_index(home)
    assert client.get("/gazette/d/9223372036854775808/").status_code == 404
    assert client.get("/gazette/d/99999999999999999999/").status_code == 404


def gazette_editor(username, page, codenames):
    user = get_user_model().objects.create_user(username, password="a long test password")
    group = Group.objects.create(name=f"group of {username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


@pytest.mark.parametrize("granted_on", ["home", "index", "issue"])
def test_editors_who_can_publish_the_gazette_must_use_two_step_verification(
        client, home, granted_on):
    index = gazette_index(home)
    issue = load(record(1)).pages[-1].get_parent()
    page = {"home": home, "index": index, "issue": issue}[granted_on]
    gazette_editor("publisher", page, ["change_page", "publish_page"])
    sign_in(client, "publisher", "a long test password")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/?next=/admin/"


def test_editors_who_cannot_publish_the_gazette_need_not(client, home):
    index = gazette_index(home)
    other = add_page(home, title="最新消息", slug="news")
    # Drafts in the gazette, and publishing elsewhere, are no legally binding act.
    gazette_editor("writer", index, ["change_page"])
    gazette_editor("news", other, ["change_page", "publish_page"])
    for username in ("writer", "news"):
        client.logout()
        sign_in(client, username, "a long test password")
        assert client.get("/admin/").status_code == 200, username


def sitemap(client):
    return unquote(client.get("/sitemap-pages.xml").content.decode())


def test_a_live_document_moved_into_a_scheduled_issue_waits_for_it(client, scheduled, public):
    issue, _document, _file = scheduled
    moved = GazetteDocumentPage.objects.get(issue__number=5)
    assert public.get(f"/gazette/d/{moved.pk}/").status_code == 302
    assert f"/{moved.slug}/" in sitemap(public)
    with time_machine.travel(DAY_BEFORE, tick=False):
        response = client.post(f"/admin/pages/{moved.pk}/move/{issue.pk}/confirm/")
        assert response.status_code == 302
        moved = GazetteDocumentPage.objects.get(pk=moved.pk)
        assert moved.issue_id == issue.pk and not moved.live
        assert moved.publication_date == datetime.date(2030, 6, 5)
        assert public.get(f"/gazette/d/{moved.pk}/").status_code == 404
        assert f"/{moved.slug}/" not in sitemap(public)
    with time_machine.travel(GO_LIVE + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", verbosity=0)
        assert public.get(f"/gazette/d/{moved.pk}/").status_code == 302


def test_a_document_imported_into_a_scheduled_issue_waits_for_it(scheduled, public, tmp_path):
    """The back-catalogue importer adds to an issue an editor has scheduled: the document is
    off the lists of live pages (sitemap, Wagtail API) until the issue goes live with it, its
    attachment too."""
    issue, _document, _file = scheduled
    (tmp_path / "notice.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    imported = record(9, issue=(119, "夏", 7, "2030-06-05"), title="公示送達第9號處分書",
                      attachments=[{"title": "裁處書", "path": "notice.pdf"}])
    with time_machine.travel(DAY_BEFORE, tick=False):
        assert not load(imported, base_dir=tmp_path).errors
        document = GazetteDocumentPage.objects.get(issue=issue, title=imported["title"])
        assert not document.live
        assert f"/{document.slug}/" not in sitemap(public)
        assert public.get(f"/gazette/d/{document.pk}/").status_code == 404
        assert imported["title"] not in public.get(
            "/api/v2/pages/", {"type": "bulletin.GazetteDocumentPage"}).content.decode()
    with time_machine.travel(GO_LIVE + datetime.timedelta(seconds=30), tick=False):
        call_command("publish_scheduled", verbosity=0)
        document = GazetteDocumentPage.objects.get(pk=document.pk)
        assert document.live
        assert [item.title for item in document.attachments.all()] == ["裁處書"]
        assert f"/{document.slug}/" in sitemap(public)
        assert public.get(f"/gazette/d/{document.pk}/").status_code == 302


def test_republishing_a_live_issue_leaves_a_withdrawn_document_withdrawn(
        client, editor, home, public):
    """An editor withdraws one document of a live issue, then corrects the issue and publishes
    it again: the withdrawn document stays off the gazette (it waits only for an issue that
    was not live)."""
    gazette_index(home)
    report = load(record(1), record(2))
    issue = report.pages[-1].get_parent().specific
    withdrawn, kept = GazetteDocumentPage.objects.child_of(issue).order_by("path")
    withdrawn.save_revision(user=editor).publish()  # as when an editor has corrected it
    sign_in_verified(client, editor)
    assert client.post(f"/admin/pages/{withdrawn.pk}/unpublish/").status_code == 302
    response = client.post(f"/admin/pages/{issue.pk}/edit/", {
        "roc_year": 113, "volume": "夏", "number": 5, "publication_date": "2024-06-05",
        "action-publish": "Publish"})
    assert response.status_code == 302, form_errors(response)
    assert not GazetteDocumentPage.objects.get(pk=withdrawn.pk).live
    assert public.get(f"/gazette/d/{withdrawn.pk}/").status_code == 404
    assert public.get(f"/gazette/d/{kept.pk}/").status_code == 302
