"""Health of the components the portal needs, for load balancers and monitoring: each
check answers "ok" or "error" by doing a small real piece of work, and says nothing about
how the component is configured (no hosts, URLs, credentials or versions)."""

import logging
from datetime import timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def cache_store():
    cache.set("healthz", "ok", 5)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not keep a value")


def search():
    """A query through the configured backend (database or Elasticsearch), as a visitor's."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    list(get_search_backend().search("healthz", Page)[:1])


def task_queue():
    """With workers on the database: the queue table answers, and how much waits or failed.
    In-process backends have no queue to check."""
    from django_tasks import task_backends

    if not type(task_backends["default"]).__module__.startswith("django_tasks_db."):
        return None
    from django_tasks_db.models import DBTaskResult

    tasks = DBTaskResult.objects.all()
    return {"waiting": tasks.ready().count(),
            "failed_last_day": tasks.failed().filter(
                finished_at__gte=timezone.now() - timedelta(days=1)).count()}


CHECKS = {"database": database, "cache": cache_store, "search": search, "tasks": task_queue}


def report():
    """{"status", "checks": {name: "ok"|"error"}, and "queue" when there is one}."""
    checks, details = {}, {}
    for name, check in CHECKS.items():
        try:
            # A savepoint, so that a failed query leaves the connection usable for the rest.
            with transaction.atomic():
                detail = check()
        except Exception:  # noqa: BLE001 - any failure means the component is down
            # The exception's text may name a host; the log is for the operators.
            logger.exception("health check failed: %s", name)
            checks[name] = "error"
        else:
            checks[name] = "ok"
            if detail is not None:
                details["queue"] = detail
    healthy = all(state == "ok" for state in checks.values())
    return healthy, {"status": "ok" if healthy else "error", "checks": checks, **details}
