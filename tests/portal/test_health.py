"""/healthz: each component checked by real work, 503 when one is down, and nothing about
how anything is configured."""

import socket

import django
import pytest
import wagtail
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from petitions.tasks import retry_failed_receipts
from search.elasticsearch import search_backends

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_down_search_backend_gives_503_and_no_address(client, settings):
    url = f"http://127.0.0.1:{closed_port()}"
    with override_settings(WAGTAILSEARCH_BACKENDS=search_backends(url, "healthcheck")):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"] == {"database": "ok", "cache": "ok", "search": "error", "tasks": "ok"}
    assert "127.0.0.1" not in response.content.decode()


@override_settings(TASKS=DATABASE_TASKS)
def test_database_queue_reports_what_waits(client):
    retry_failed_receipts.enqueue()
    retry_failed_receipts.enqueue()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["tasks"] == "ok"
    assert response.json()["queue"] == {"waiting": 2, "failed_last_day": 0}


@override_settings(TASKS=DATABASE_TASKS)
def test_database_queue_that_does_not_answer_gives_503(client):
    with connection.cursor() as cursor:  # undone with the test's transaction
        cursor.execute(f"DROP TABLE {DBTaskResult._meta.db_table}")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"] == "error"
    assert response.json()["checks"]["database"] == "ok"


def test_no_setting_or_version_is_shown(client, settings):
    text = client.get("/healthz").content.decode()
    database = settings.DATABASES["default"]
    shown = [settings.SECRET_KEY, str(database["NAME"]), database.get("HOST") or "",
             database.get("PASSWORD") or "", settings.CACHES["default"].get("LOCATION", ""),
             django.get_version(), wagtail.__version__, settings.EMAIL_BACKEND]
    for value in filter(None, shown):
        assert value not in text, value
    assert set(client.get("/healthz").json()) == {"status", "checks"}
