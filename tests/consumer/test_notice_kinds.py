"""Each kind of notice is its own page type: the editor sees only that kind's fields, and the
migration that split the one notice type moves existing notices, their revisions and their
partner agencies to their kinds' types and back."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from consumer.models import (
    AlertNoticePage,
    ClinicNoticePage,
    CommitteeNoticePage,
    ConsumerNoticePage,
    EducationNoticePage,
    InspectionNoticePage,
)
from portal.models import Agency
from tests.factories import build_site, sign_in_verified, translate

from .page_makers import consumer_index, make_notice

COMMON = {"title", "slug", "topic", "date", "summary", "body"}
OWN_FIELDS = {
    "alert": {"affected", "advice"},
    "inspection": {"event_date", "partner_agencies", "inspected", "businesses_inspected",
                   "findings", "follow_up"},
    "education": {"event_date", "venue", "audience", "attendance"},
    "committee": {"event_date", "decisions"},
    "clinic": {"sessions"},
}
KIND_FIELDS = set().union(*OWN_FIELDS.values())
MODEL_NAMES = {"alert": "alertnoticepage", "inspection": "inspectionnoticepage",
               "education": "educationnoticepage", "committee": "committeenoticepage",
               "clinic": "clinicnoticepage"}


@pytest.fixture
def editor(client):
    sign_in_verified(client, get_user_model().objects.create_superuser(
        "editor", "e@example.gov.tw", "pw"))
    return client


def _field_names(response):
    """The fields of the form the admin's create view shows (stream fields are drawn by
    script, so the form, not the HTML, is what lists them all)."""
    assert response.status_code == 200, response.status_code
    return set(response.context["form"].fields)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(OWN_FIELDS))
def test_the_editor_of_a_kind_sees_only_its_fields(editor, home, kind):
    index = consumer_index(home)
    names = _field_names(editor.get(
        f"/admin/pages/add/consumer/{MODEL_NAMES[kind]}/{index.pk}/"))
    assert names >= COMMON
    assert names & KIND_FIELDS == OWN_FIELDS[kind]
    assert "kind" not in names  # the page type is the kind


@pytest.mark.django_db
def test_the_editor_chooses_a_kind_among_the_page_types(editor, home):
    index = consumer_index(home)
    page = BeautifulSoup(editor.get(f"/admin/pages/{index.pk}/add_subpage/").content,
                         "html.parser")
    offered = {a["href"].split("/")[-3] for a in page.select("a[href*='/add/consumer/']")}
    assert offered == {*MODEL_NAMES.values(), "consumerstatisticspage"}


@pytest.mark.django_db
def test_a_committee_decision_made_in_the_admin_is_listed_under_its_kind(editor, client,
                                                                       home):
    index = consumer_index(home)
    form = nested_form_data({
        "title": "消保會決議", "slug": "committee", "topic": "general",
        "date": "2019-05-31", "summary": "決議", "body": rich_text(""),
        "event_date": "2019-05-31",
        "decisions": streamfield([("decision", "美耐皿餐具回收機制")]),
        "action-publish": "publish",
    })
    response = editor.post(f"/admin/pages/add/consumer/committeenoticepage/{index.pk}/",
                           form)
    assert response.status_code == 302
    notice = ConsumerNoticePage.objects.get(slug="committee")
    assert notice.kind == "committee" and type(notice.specific) is CommitteeNoticePage
    assert [block.value for block in notice.specific.decisions] == ["美耐皿餐具回收機制"]
    listing = BeautifulSoup(client.get("/consumer/?kind=committee").content, "html.parser")
    assert [a.get_text(strip=True) for a in listing.select("ol.notice-list li > a")] == [
        "消保會決議"]


# --- the data migration ---------------------------------------------------------------

BEFORE = [("consumer", "0001_initial")]
AFTER = [("consumer", "0002_notice_kinds_page_types")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_notices_to_their_kinds_page_types_and_back():
    home, _home_en = build_site()
    translate(consumer_index(home), "en", title="Consumer protection")
    health = Agency.objects.create(code="397200000A", name="高雄市政府衛生局",
                                   locale=home.locale)
    notices = {kind: make_notice(home, kind, kind=kind) for kind in OWN_FIELDS}
    notices["inspection"].partner_agencies.set([health])
    notices["inspection"].save_revision().publish()
    english = translate(notices["alert"], "en", title="Read the contract", advice="Ask")
    pks = {kind: page.pk for kind, page in notices.items()}

    old = _migrate(BEFORE)
    union = old.get_model("consumer", "ConsumerNoticePage")
    ContentType = old.get_model("contenttypes", "ContentType")
    shared = ContentType.objects.get(app_label="consumer", model="consumernoticepage")
    assert union.objects.count() == 6
    inspection = union.objects.get(pk=pks["inspection"])
    assert (inspection.kind, inspection.businesses_inspected, inspection.findings) == (
        "inspection", 297, "查察21次297家")
    assert list(inspection.partner_agencies.values_list("pk", flat=True)) == [health.pk]
    assert union.objects.get(pk=english.pk).advice == "Ask"
    assert [block["value"] for block in union.objects.get(pk=pks["clinic"]).sessions.raw_data
            ] == [{"date": "2022-02-09", "time": "14:00", "place": "消費者服務中心"}]
    assert set(Page.objects.filter(pk__in=pks.values()).values_list(
        "content_type_id", flat=True)) == {shared.pk}
    revision = old.get_model("wagtailcore", "Revision").objects.filter(
        object_id=str(pks["inspection"])).latest("pk")
    assert revision.content_type_id == shared.pk
    assert revision.content["content_type"] == shared.pk

    _migrate(AFTER)
    moved = {kind: Page.objects.get(pk=pk).specific for kind, pk in pks.items()}
    assert {kind: type(page) for kind, page in moved.items()} == {
        "alert": AlertNoticePage, "inspection": InspectionNoticePage,
        "education": EducationNoticePage, "committee": CommitteeNoticePage,
        "clinic": ClinicNoticePage}
    assert {kind: page.kind for kind, page in moved.items()} == {k: k for k in OWN_FIELDS}
    assert (moved["alert"].affected, moved["alert"].advice) == ("預售屋買賣契約",
                                                                "簽約前要求審閱期")
    inspection = moved["inspection"]
    assert (inspection.event_date, inspection.businesses_inspected, inspection.findings) == (
        datetime.date(2019, 8, 30), 297, "查察21次297家")
    assert list(inspection.partner_agencies.all()) == [health]
    assert (moved["education"].venue, moved["education"].audience) == ("四維行政中心",
                                                                       "高中職學生")
    assert [block.value for block in moved["committee"].decisions] == ["美耐皿餐具回收機制"]
    assert [block.value["place"] for block in moved["clinic"].sessions] == ["消費者服務中心"]
    assert Page.objects.get(pk=english.pk).specific.advice == "Ask"
    # Revisions open as the kind's page type, without the other kinds' fields.
    latest = inspection.get_latest_revision()
    assert type(latest.as_object()) is InspectionNoticePage
    assert latest.as_object().partner_agencies.get() == health
    assert "venue" not in latest.content and "sessions" not in latest.content
    # The migrated notices serve and edit as before.
    assert ConsumerNoticePage.objects.live().filter(kind="inspection").get().pk == \
        inspection.pk
