"""What alerts add to the portal (portal/extensions.py), and a dashboard panel of counts
for editors and officers: how many follow the gazette, never who."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import include, path
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from bulletin.models import GazetteIndexPage
from portal import extensions
from portal.demo_builder import DemoContent
from portal.scheduler import ScheduledJob
from portal.sections import HomeSection

from . import demo, tasks, urls, views
from .models import Delivery, DeliveryStatus, Subscription
from .sections import alerts_entry


class AlertsPanel(Component):
    order = 60
    template_name = "alerts/admin/panel.html"

    def get_context_data(self, parent_context):
        counts = Subscription.objects.aggregate(
            active=Count("pk", filter=Q(confirmed_at__isnull=False, unsubscribed_at=None)),
            waiting=Count("pk", filter=Q(confirmed_at=None, unsubscribed_at=None)),
            ended=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
            addresses=Count("address_key", distinct=True,
                            filter=Q(confirmed_at__isnull=False, unsubscribed_at=None)),
            searches=Count("query", distinct=True,
                           filter=Q(confirmed_at__isnull=False, unsubscribed_at=None)))
        since = timezone.now() - timedelta(days=7)
        counts.update(Delivery.objects.filter(updated_at__gte=since).aggregate(
            sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
            failed=Count("pk", filter=Q(status__in=[DeliveryStatus.FAILED,
                                                    DeliveryStatus.GAVE_UP]))))
        return counts


@hooks.register("construct_homepage_panels")
def add_alerts_panel(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(AlertsPanel())


@hooks.register(extensions.HOME_SECTIONS)
def home_sections():
    # Right after the gazette's own section (order 20).
    return [HomeSection("alerts", "alerts/home_section.html", alerts_entry, order=21,
                        pages=(GazetteIndexPage,))]


@hooks.register(extensions.SCHEDULED_JOBS)
def scheduled_jobs():
    # Asia/Taipei times. Digests every five minutes, half a minute past, after the
    # publishing job (second 1 of every minute) has taken scheduled issues live; retention
    # at night.
    return [
        ScheduledJob("alerts.digests", tasks.send_gazette_digests,
                     {"minute": "*/5", "second": 30}),
        ScheduledJob("alerts.retention", tasks.delete_expired_subscriptions,
                     {"hour": 3, "minute": 40}),
    ]


@hooks.register(extensions.MACHINE_URLS)
def machine_urls():
    # The one-click unsubscribe address of the e-mails' List-Unsubscribe header: outside
    # the language prefixes, so a mail program's POST is never redirected.
    return [path("alerts/unsubscribe/<str:token>/", views.unsubscribe,
                 name="alerts-unsubscribe")]


@hooks.register(extensions.PAGE_URLS)
def page_language_urls():
    return [path("alerts/", include(urls))]


@hooks.register(extensions.DEMO_CONTENT)
def demo_content():
    return [DemoContent("alerts", demo.build, order=80)]
