"""/gazette/consultations/calendar.ics: the comment deadlines of the drafts open for comment,
each an all-day event, for readers' calendars."""

import datetime

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from wagtail.models import Locale

from portal import agencies
from portal.pages import one_live_page

from .models import GazetteIndexPage, open_consultations


def consultations_calendar_view(request):
    # Wagtail's page URLs cannot end in ".ics", so the calendar is a plain view beside them.
    index_page = one_live_page(GazetteIndexPage, Locale.get_active())
    if index_page is None:
        raise Http404
    response = HttpResponse(consultations_calendar(index_page, open_consultations(), request),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="consultations.ics"'
    return response


def consultations_calendar(index_page, drafts, request):
    calendar = Calendar()
    calendar.add("prodid", "-//Kaohsiung City Government//Gazette consultations//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Comment deadlines of draft regulations"))
    calendar.add("x-wr-timezone", "Asia/Taipei")
    index_url = index_page.get_url(request)
    for draft in drafts:
        event = Event()
        language = index_page.locale.language_code
        event.add("uid", f"gazette-consultation-{draft.pk}-{language}@kcg.gov.tw")
        event.add("summary", _("Comment deadline: %(title)s") % {"title": draft.display_title})
        event.add("description", f"{agencies.display_name(draft.agency)} "
                                 f"{draft.document_number}")
        # The deadline day itself, all day; DTEND is exclusive (RFC 5545).
        event.add("dtstart", draft.comment_deadline)
        event.add("dtend", draft.comment_deadline + datetime.timedelta(days=1))
        event.add("dtstamp", draft.last_published_at or draft.first_published_at)
        event.add("url", request.build_absolute_uri(f"{index_url}d/{draft.pk}/"))
        calendar.add_component(event)
    return calendar.to_ical()
