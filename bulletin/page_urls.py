from django.urls import path

from .citations import cite
from .feeds import consultations_feed_view, feed_view
from .ical import consultations_calendar_view

urlpatterns = [path("gazette/feed.atom", feed_view, name="gazette-feed"),
               path("gazette/consultations/feed.atom", consultations_feed_view,
                    name="gazette-consultations-feed"),
               path("gazette/consultations/calendar.ics", consultations_calendar_view,
                    name="gazette-consultations-calendar"),
               # path, not str: a 發文字號 may hold a slash.
               path("gazette/cite/<path:citation>", cite, name="gazette-cite")]
