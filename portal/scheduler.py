"""The periodic jobs, run by one `manage.py run_scheduler` process on APScheduler 3.

Each app registers its jobs as a SCHEDULED_JOBS hook in its wagtail_hooks.py, so this
module imports no app:

    @hooks.register(extensions.SCHEDULED_JOBS)
    def retention_jobs():
        return [ScheduledJob("petitions.anonymise", tasks.anonymise_cases,
                             {"hour": 3, "minute": 0})]

A job is a Django task and cron fields (Asia/Taipei time). At each fire time the scheduler
enqueues the task: the database backend's `db_worker` processes run it in production, the
in-process backend runs it at once under `make run` and in the tests.

Before a fire time runs it is claimed in the database (ScheduledRun, unique on job and
time), so a second scheduler started by mistake skips what the first already ran.
"""

import logging
import sys
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from apscheduler.executors.base import run_job
from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from . import extensions
from .models import ScheduledRun

logger = logging.getLogger(__name__)

# Claims older than this are deleted as new ones are made: the table says when each job last
# ran, not its whole history.
KEEP_CLAIMS = timedelta(days=7)


@dataclass(frozen=True)
class ScheduledJob:
    """Enqueue `task` at the times the APScheduler cron fields give (minute, hour, ...)."""

    name: str
    task: object  # a django_tasks Task
    cron: dict = field(default_factory=dict)


def registered_jobs():
    return sorted(extensions.collect(extensions.SCHEDULED_JOBS), key=lambda job: job.name)


def claim(job_name, scheduled_for):
    """True if this process may run `job_name` for `scheduled_for`; False if another did."""
    now = timezone.now()
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job_name, scheduled_for=scheduled_for,
                                        claimed_at=now)
    except IntegrityError:
        logger.info("scheduled job %s at %s already claimed", job_name, scheduled_for)
        return False
    ScheduledRun.objects.filter(job=job_name, scheduled_for__lt=now - KEEP_CLAIMS).delete()
    return True


def last_run():
    """When any scheduler last claimed a run, or None."""
    latest = ScheduledRun.objects.order_by("-claimed_at").first()
    return latest.claimed_at if latest else None


def enqueue(job_name):
    [job] = [job for job in registered_jobs() if job.name == job_name]
    job.task.enqueue()


def release_connections():
    """Close connections that broke or outlived CONN_MAX_AGE, as Django does around each
    request, since this process runs for months. One inside a transaction is left alone
    (the tests run the loop inside theirs)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


class ClaimingExecutor(DebugExecutor):
    """Runs a job in the scheduler's own thread, after claiming each of its fire times. No
    thread pool is needed: in production a job only enqueues a task for the workers."""

    def _do_submit_job(self, job, run_times):
        release_connections()
        try:
            run_times = [run_time for run_time in run_times if claim(job.id, run_time)]
            events = run_job(job, job._jobstore_alias, run_times, self._logger.name)
        except BaseException:
            self._run_job_error(job.id, *sys.exc_info()[1:])
        else:
            self._run_job_success(job.id, events)
        finally:
            release_connections()


def build():
    """A BlockingScheduler with every registered job; `start()` runs it until shut down."""
    scheduler = BlockingScheduler(
        timezone=ZoneInfo(settings.TIME_ZONE),
        executors={"default": ClaimingExecutor()},
        # After a pause (a long job, a restart) a job runs once, not once per missed time.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    for job in registered_jobs():
        scheduler.add_job(enqueue, "cron", args=[job.name], id=job.name, name=job.name,
                          **job.cron)
    return scheduler
