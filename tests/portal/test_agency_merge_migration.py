"""The data migration that leaves one row per agency and language, run back and forth with
Django's migration executor over duplicates such as the importer left."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Locale, Revision

from consumer.models import InspectionNoticePage
from opendata.models import DatasetPage
from petitions import domain
from petitions.models import Case, CaseEvent, Kind, OfficerGroup
from portal.models import Agency
from tests.consumer.page_makers import make_notice
from tests.factories import build_site
from tests.opendata.page_makers import make_dataset

BEFORE = [("portal", "0003_scheduled_run")]
AFTER = [("portal", "0004_one_row_per_agency")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture
def back_to_the_latest_schema():
    """The tests after this one on the same database need every later migration again."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_duplicates_merge_and_every_reference_moves_to_the_canonical_row(
        back_to_the_latest_schema):
    # The site first, while the models match the tables: replacing a site deletes its
    # settings, whose later columns the old schema lacks.
    home, _home_en = build_site()
    migrate(BEFORE)
    dataset = make_dataset(home)
    notice = make_notice(home)
    zh = Locale.objects.get_or_create(language_code="zh-hant")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    rdec = Agency.objects.create(code="397040000A", name="高雄市政府研究發展考核委員會",
                                 locale=zh)
    rdec_en = Agency.objects.create(code="397040000A", locale=en, name="RDEC",
                                    translation_key=rdec.translation_key)
    # What the importer made of "研考會" with a lower-case code, in both languages.
    duplicate = Agency.objects.create(code="397040000a", name="研考會", locale=zh)
    duplicate_en = Agency.objects.create(code="397040000ａ", name="RDEC (2)", locale=en,
                                         translation_key=duplicate.translation_key)
    # An English row never linked to its Chinese original.
    legal = Agency.objects.create(code="397050000A", name="高雄市政府法制局", locale=zh)
    legal_en = Agency.objects.create(code="３９７０５００００Ａ", name="Legal Affairs Bureau",
                                     locale=en)
    child = Agency.objects.create(code="397040100A", name="研考會資訊中心", locale=zh)

    cases = {}
    for row in (duplicate, duplicate_en, rdec_en, legal_en):
        case, _ = domain.create_case(Kind.PETITION, {"subject": row.name})
        cases[row.pk] = case
    scope = OfficerGroup.objects.create(group=Group.objects.create(name="研考會承辦"))
    event = CaseEvent.objects.create(case=cases[duplicate.pk], type=CaseEvent.Type.ASSIGNMENT)
    # Updates, not saves: the references as they were written before the canonical rule.
    for row_pk, case in cases.items():
        Case.objects.filter(pk=case.pk).update(agency=row_pk)
    OfficerGroup.objects.filter(pk=scope.pk).update(agency=duplicate_en)
    CaseEvent.objects.filter(pk=event.pk).update(agency=duplicate)
    Agency.objects.filter(pk=child.pk).update(parent=duplicate)
    DatasetPage.objects.filter(pk=dataset.pk).update(agency=duplicate_en)
    revision = dataset.latest_revision
    revision.content["agency"] = duplicate.pk
    revision.save(update_fields=["content"])
    partners = InspectionNoticePage.partner_agencies.through.objects
    for row in (rdec, duplicate, legal_en):
        partners.create(inspectionnoticepage_id=notice.pk, agency_id=row.pk)

    migrate(AFTER)

    assert sorted(Agency.objects.values_list("code", "locale__language_code", "name")) == [
        ("397000000A", "zh-hant", "高雄市政府行政暨國際處"), ("397040000A", "en", "RDEC"),
        ("397040000A", "zh-hant", "高雄市政府研究發展考核委員會"),
        ("397040100A", "zh-hant", "研考會資訊中心"),
        ("397050000A", "en", "Legal Affairs Bureau"), ("397050000A", "zh-hant", "高雄市政府法制局")]
    assert Agency.objects.get(locale=en, code="397050000A").translation_key == \
        legal.translation_key
    assert {case.agency_id for case in Case.objects.all()} == {rdec.pk, legal.pk}
    assert Case.objects.get(pk=cases[legal_en.pk].pk).agency_id == legal.pk
    assert OfficerGroup.objects.get().agency_id == rdec.pk
    assert CaseEvent.objects.get(pk=event.pk).agency_id == rdec.pk
    assert Agency.objects.get(pk=child.pk).parent_id == rdec.pk
    assert DatasetPage.objects.get(pk=dataset.pk).agency_id == rdec.pk
    assert Revision.objects.get(pk=revision.pk).content["agency"] == rdec.pk
    assert sorted(partners.filter(inspectionnoticepage_id=notice.pk).values_list(
        "agency_id", flat=True)) == sorted([rdec.pk, legal.pk])

    migrate(BEFORE)  # reversible: nothing to undo, and nothing breaks
    migrate(AFTER)
    assert Agency.objects.count() == 6
