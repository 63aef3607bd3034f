"""The migrations that turn the gazette's comma-separated keywords into taggit tags, run back
and forth with Django's migration executor: documents and their revisions keep their
keywords, in order, and every public surface shows them as before."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Revision

from bulletin.document_types import ensure_standard_types
from bulletin.models import DocumentType, GazetteDocumentPage
from tests.bulletin.helpers import gazette_index, load, record
from tests.factories import build_site

BEFORE = [("bulletin", "0005_hold_documents_of_issues_not_live")]


def migrate(targets=None):
    """To `targets`, or forward to every app's latest migration (0008 and those after it,
    which the models, and the tests that follow on this worker, read)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_comma_separated_keywords_become_tags_in_order_and_back(client):
    # A transactional test may run after another one on this worker emptied the tables,
    # the document types that migration 0002 seeds included.
    ensure_standard_types(DocumentType)
    home, _home_en = build_site()
    gazette_index(home)
    report = load(record(1, keywords=["公示送達", "裁處書"]), record(2), record(3, keywords=[]))
    assert len(report.documents) == 3, report.errors
    first, second, third = report.documents
    first.save_revision()

    old = migrate(BEFORE)
    OldDocument = old.get_model("bulletin", "GazetteDocumentPage")
    # Going back, the tags are written as the text they came from.
    assert OldDocument.objects.get(pk=first.pk).keywords == "公示送達、裁處書"
    assert OldDocument.objects.get(pk=second.pk).keywords == "公示送達"
    revision = Revision.objects.get(pk=first.latest_revision_id)
    assert revision.content["keywords"] == "公示送達、裁處書"
    assert "tagged_items" not in revision.content

    # Text as editors typed it: any of the three separators, spaces, a repeated word.
    OldDocument.objects.filter(pk=first.pk).update(keywords="車輛, 管理，停車場、 車輛 ,")
    OldDocument.objects.filter(pk=second.pk).update(keywords="交通管制")
    revision.content["keywords"] = "停車場，收費"
    revision.save(update_fields=["content"])

    migrate()

    assert GazetteDocumentPage.objects.get(pk=first.pk).keyword_list == ["車輛", "管理", "停車場"]
    assert GazetteDocumentPage.objects.get(pk=second.pk).keyword_list == ["交通管制"]
    assert GazetteDocumentPage.objects.get(pk=third.pk).keyword_list == []
    draft = Revision.objects.get(pk=revision.pk).as_object()
    assert draft.keyword_list == ["停車場", "收費"]

    data = client.get(f"/api/gazette/documents/{first.pk}.json").json()
    assert data["keywords"] == ["車輛", "管理", "停車場"]
    page = client.get(GazetteDocumentPage.objects.get(pk=first.pk).url).content.decode()
    assert "車輛、管理、停車場" in page
