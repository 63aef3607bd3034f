"""The exhibitions as an iCalendar feed people can subscribe to."""

import datetime

from icalendar import Calendar, Event


def exhibitions_calendar(index_page, exhibitions, request):
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
            event.add("location", f"{exhibition.venue.name}, {exhibition.venue.address}")
        calendar.add_component(event)
    return calendar.to_ical()
