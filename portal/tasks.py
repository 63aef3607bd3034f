"""Tasks of the portal as a whole, which the scheduler runs (portal/scheduler.py)."""

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled():
    """Wagtail's scheduled publishing and unpublishing: pages and snippets whose go-live time
    has passed go live, those past their expiry are taken down."""
    call_command("publish_scheduled", verbosity=0)
