"""The exhibitions as an iCalendar feed people can subscribe to."""

import datetime

from django.http import Http404, HttpResponse
from icalendar import Calendar, Event
from wagtail.models import Locale

from portal.pages import one_live_page

from .models import ExhibitionIndexPage, Venue


def calendar_view(request):
    # Wagtail's page URLs cannot end in ".ics", so the calendar is a plain view beside them.
    index_page = one_live_page(ExhibitionIndexPage, Locale.get_active())
    if index_page is None:
        raise Http404
    response = HttpResponse(exhibitions_calendar(index_page, index_page.exhibitions(), request),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="exhibitions.ics"'
    return response


def exhibitions_calendar(index_page, exhibitions, request):
    # The venue in the calendar's language, looked up once for all exhibitions.
    venues = {venue.translation_key: venue
              for venue in Venue.objects.filter(locale_id=index_page.locale_id)}
    calendar = Calendar()
    calendar.add("prodid", "-//Kaohsiung City Government//Sister city exhibitions//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", index_page.title)
    calendar.add("x-wr-timezone", "Asia/Taipei")
    for exhibition in exhibitions:
        event = Event()
        event.add("uid", f"exhibition-{exhibition.translation_key}-"
                         f"{exhibition.locale.language_code}@kcg.gov.tw")
        event.add("summary", exhibition.title)
        event.add("description", exhibition.theme)
        event.add("dtstart", exhibition.start_date)
        # All-day events end on the day after their last day (RFC 5545, DTEND is exclusive).
        last = exhibition.end_date or exhibition.start_date
        event.add("dtend", last + datetime.timedelta(days=1))
        event.add("dtstamp", exhibition.last_published_at or exhibition.first_published_at)
        event.add("url", exhibition.get_full_url(request))
        if exhibition.venue is not None:
            venue = venues.get(exhibition.venue.translation_key, exhibition.venue)
            event.add("location", f"{venue.name}, {venue.address}")
        calendar.add_component(event)
    return calendar.to_ical()
