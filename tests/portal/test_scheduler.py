"""The scheduler: its own loop (APScheduler's) runs the registered jobs at their times over
frozen time (tests/scheduling.py), a second copy runs nothing twice, and /healthz tells when
it has stopped or the task queue has stalled."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django_tasks import task
from wagtail import hooks

from bulletin import numbering
from bulletin.models import GazetteIssuePage
from petitions.tasks import retry_failed_receipts
from portal import extensions, scheduler
from portal.models import ScheduledRun
from tests.bulletin.helpers import gazette_index
from tests.factories import add_page, sign_in_verified
from tests.scheduling import run_scheduler, travel

pytestmark = pytest.mark.django_db
TPE = zoneinfo.ZoneInfo("Asia/Taipei")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

ran = []


@task()
def record_run():
    ran.append(datetime.datetime.now(datetime.UTC))


def at(hour, minute, second=0, day=2):
    return datetime.datetime(2026, 3, day, hour, minute, second, tzinfo=TPE)


def test_scheduled_issue_goes_live_at_its_time_and_not_a_minute_before(client, home):
    index = gazette_index(home)
    editor = get_user_model().objects.create_superuser("editor", "e@example.gov.tw", "pw")
    sign_in_verified(client, editor)
    publication = datetime.date(2026, 3, 2)
    with travel(at(10, 0, 30)) as traveller:
        response = client.post(f"/admin/pages/add/bulletin/gazetteissuepage/{index.pk}/", {
            "roc_year": numbering.roc_year_for(publication),
            "volume": numbering.volume_for(publication), "number": 9,
            "publication_date": publication.isoformat(),
            "go_live_at": "2026-03-02 10:04", "action-publish": "Publish",
        })
        assert response.status_code == 302
        issue = GazetteIssuePage.objects.get(number=9)
        client.logout()
        assert not issue.live

        run_scheduler(traveller, at(10, 3, 59))
        issue.refresh_from_db()
        assert not issue.live
        assert client.get(issue.url).status_code == 404

        run_scheduler(traveller, at(10, 4, 59))
        issue.refresh_from_db()
        assert issue.live
        assert client.get(issue.url).status_code == 200


def test_page_past_its_expiry_is_taken_down(client, home):
    with travel(at(10, 0, 30)) as traveller:
        page = add_page(home, title="限時公告", slug="notice")
        page.expire_at = at(10, 5)
        page.save_revision().publish()
        assert client.get(page.url).status_code == 200

        run_scheduler(traveller, at(10, 4, 59))
        assert client.get(page.url).status_code == 200
        run_scheduler(traveller, at(10, 5, 30))
        page.refresh_from_db()
        assert not page.live and page.expired
        assert client.get(page.url).status_code == 404


@hooks.register_temporarily(extensions.SCHEDULED_JOBS, lambda: [
    scheduler.ScheduledJob("test.record", record_run, {"minute": "*"})])
def test_a_second_scheduler_runs_nothing_the_first_ran():
    ran.clear()
    with travel(at(10, 0, 30)) as traveller:
        run_scheduler(traveller, at(10, 3))
        # Started by mistake over the same minutes, as two processes would be.
        traveller.move_to(at(10, 0, 30))
        run_scheduler(traveller, at(10, 3))
    assert ran == [at(10, 1), at(10, 2), at(10, 3)]
    assert list(ScheduledRun.objects.filter(job="test.record").order_by("scheduled_for")
                .values_list("scheduled_for", flat=True)) == ran


def test_claims_are_kept_for_a_week():
    with travel(at(10, 0)):
        assert scheduler.claim("test.job", at(10, 0))
        assert not scheduler.claim("test.job", at(10, 0))
    with travel(at(10, 1, day=10)):
        assert scheduler.claim("test.job", at(10, 1, day=10))
    assert list(ScheduledRun.objects.values_list("scheduled_for", flat=True)) == [
        at(10, 1, day=10)]


@override_settings(PORTAL_SCHEDULER_STALE_AFTER=600)
def test_healthz_reports_a_scheduler_that_has_not_run(client):
    with travel(at(10, 0, 30)) as traveller:
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["checks"]["scheduler"] == "error"

        run_scheduler(traveller, at(10, 2))
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["checks"]["scheduler"] == "ok"

        traveller.move_to(at(10, 12, 30))
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json() == {"status": "error", "checks": {
            "database": "ok", "cache": "ok", "search": "ok", "tasks": "ok",
            "scheduler": "error"}}


@override_settings(TASKS=DATABASE_TASKS, PORTAL_TASK_QUEUE_STALE_AFTER=900)
def test_healthz_reports_a_stalled_task_queue(client):
    with travel(at(10, 0)) as traveller:
        retry_failed_receipts.enqueue()
        traveller.move_to(at(10, 14))
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["queue"] == {"waiting": 1, "failed_last_day": 0}

        traveller.move_to(at(10, 16))
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["checks"]["tasks"] == "error"
        assert response.json()["checks"]["database"] == "ok"


@override_settings(TASKS=DATABASE_TASKS, PORTAL_TASK_QUEUE_STALE_AFTER=900)
def test_a_task_waiting_for_its_own_time_is_not_a_stall(client):
    with travel(at(10, 0)) as traveller:
        retry_failed_receipts.using(run_after=at(10, 30)).enqueue()
        traveller.move_to(at(10, 40))
        assert client.get("/healthz").status_code == 200
        traveller.move_to(at(10, 46))
        assert client.get("/healthz").status_code == 503
