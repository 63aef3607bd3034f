"""Indexing that never breaks a publish: a failed index write is logged and retried later
through a task, with a growing delay where the task backend can defer."""

import logging
from datetime import timedelta

from django.apps import apps
from django.utils import timezone
from django_tasks import default_task_backend, task
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def schedule_retry(obj, attempt):
    if attempt > MAX_ATTEMPTS:
        logger.error("Gave up indexing %s %s after %d attempts",
                     obj._meta.label, obj.pk, MAX_ATTEMPTS)
        return
    retry = reindex_object
    if default_task_backend.supports_defer:
        retry = retry.using(run_after=timezone.now() + timedelta(minutes=2 ** attempt))
    retry.enqueue(obj._meta.app_label, obj._meta.model_name, str(obj.pk), attempt)


@task()
def reindex_object(app_label, model_name, pk, attempt):
    obj = apps.get_model(app_label, model_name).objects.filter(pk=pk).first()
    if obj is not None:
        get_search_backend().add(obj.get_indexed_instance() or obj, attempt=attempt)
