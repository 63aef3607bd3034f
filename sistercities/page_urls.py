from django.urls import path

from .ical import calendar_view

urlpatterns = [path("exhibitions/calendar.ics", calendar_view, name="exhibitions-calendar")]
