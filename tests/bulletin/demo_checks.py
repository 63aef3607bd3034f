"""What the demo gazette must show (run by tests/home/test_demo_content.py)."""

import datetime

from django.utils import timezone
from wagtail.models import Revision

from bulletin.models import GazetteDocumentPage, GazetteIssuePage
from portal.models import Agency
from tests.scheduling import run_scheduler, travel


def check(client):
    assert GazetteIssuePage.objects.live().count() >= 20
    assert GazetteDocumentPage.objects.live().count() >= 300
    correction = GazetteDocumentPage.objects.exclude(correction_of=None).first()
    text = client.get(correction.correction_of.url).content.decode()
    assert correction.title in text
    assert client.get("/gazette/").status_code == 200
    assert client.get("/en/gazette/").status_code == 200
    assert "113年冬字第" in client.get("/").content.decode()  # the home page section
    # The gazette's agencies are the portal's: one agency, one code, one name.
    names = list(Agency.objects.filter(locale__language_code="zh-hant")
                 .values_list("name", flat=True))
    assert len(names) == len(set(names)), sorted(names)

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
    held = list(GazetteDocumentPage.objects.child_of(upcoming))
    assert len(held) == 2 and not any(document.live for document in held)
    assert all(client.get(f"/gazette/d/{document.pk}/").status_code == 404 for document in held)
    with travel(revision.approved_go_live_at - datetime.timedelta(seconds=90)) as traveller:
        run_scheduler(traveller, revision.approved_go_live_at + datetime.timedelta(seconds=61))
        upcoming.refresh_from_db()
        assert upcoming.live
        assert client.get(upcoming.url).status_code == 200
        assert GazetteDocumentPage.objects.child_of(upcoming).live().count() == 2
        assert all(client.get(f"/gazette/d/{document.pk}/").status_code == 302
                   for document in held)
