"""Health of the components the portal needs, for load balancers and monitoring: each
check answers "ok" or "error" by doing a small real piece of work, and says nothing about
how the component is configured (no hosts, URLs, credentials or versions)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .scheduler import last_run

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
    list(get_search_backend().search("healthz", Page)[:1])


def task_queue():
    """With workers on the database: the queue table answers, and how much waits or failed.
    In-process backends have no queue to check."""
    if not type(task_backends["default"]).__module__.startswith("django_tasks_db."):
        return None
    tasks = DBTaskResult.objects.all()
    ready = tasks.ready()
    # The queue has stalled when a task has been ready to run for too long (since it was
    # enqueued, or since its run_after time), which no worker taking tasks would allow.
    stalled_before = timezone.now() - timedelta(seconds=settings.PORTAL_TASK_QUEUE_STALE_AFTER)
    if ready.filter(Q(run_after=get_date_max()) | Q(run_after__lt=stalled_before),
                    enqueued_at__lt=stalled_before).exists():
        raise RuntimeError("the task queue has stalled: no worker takes the ready tasks")
    return {"waiting": ready.count(),
            "failed_last_day": tasks.failed().filter(
                finished_at__gte=timezone.now() - timedelta(days=1)).count()}


def scheduler():
    """A periodic job ran lately (portal/scheduler.py; publishing runs every minute)."""
    last = last_run()
    limit = timedelta(seconds=settings.PORTAL_SCHEDULER_STALE_AFTER)
    if last is None or last < timezone.now() - limit:
        raise RuntimeError("the scheduler has not run for too long")


CHECKS = {"database": database, "cache": cache_store, "search": search, "tasks": task_queue,
          "scheduler": scheduler}


def active_checks():
    # The scheduler check is off (a zero limit) where no scheduler is meant to run.
    return {name: check for name, check in CHECKS.items()
            if name != "scheduler" or settings.PORTAL_SCHEDULER_STALE_AFTER}


def report():
    """{"status", "checks": {name: "ok"|"error"}, and "queue" when there is one}."""
    checks, details = {}, {}
    for name, check in active_checks().items():
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
