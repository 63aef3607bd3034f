from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import agencies, invalidation, scheduler, tasks

        agencies.connect()
        invalidation.connect()
        # Every minute, a second past it: the admin schedules to the minute and Wagtail
        # publishes what is strictly past its time, so a page goes live in its own minute.
        scheduler.register("wagtail.publish_scheduled", tasks.publish_scheduled,
                           minute="*", second=1)
