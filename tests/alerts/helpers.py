"""Gazette alerts test data: a gazette with its English index, and issues that go live at
a scheduled time, with their documents waiting for them, as an editor prepares them."""

import datetime
import re
import smtplib
import zoneinfo

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from bulletin.models import DocumentType, GazetteDocumentPage, GazetteIssuePage
from bulletin.numbering import issue_key, issue_label, roc_year_for, volume_for
from portal.models import Agency
from tests.bulletin.helpers import gazette_index
from tests.factories import translate, translated_agency

TPE = zoneinfo.ZoneInfo("Asia/Taipei")
LINK = re.compile(r"https?://\S+")


def at(day, hour, minute=0, second=0, month=3):
    return datetime.datetime(2026, month, day, hour, minute, second, tzinfo=TPE)


def gazette(home):
    """The Chinese gazette index with its English translation, and two agencies."""
    index = gazette_index(home)
    translate(index, "en", title="City Gazette", slug="gazette")
    translated_agency("397000000A", "高雄市政府行政暨國際處",
                      "Department of Administration and International Affairs")
    translated_agency("397050000A", "高雄市政府法制局", "Legal Affairs Bureau")
    return index


def scheduled_issue(index, go_live, number, documents):
    """An issue scheduled to go live at `go_live` (publication date that day), its
    documents (dicts: title, type (a subtype's name), agency code, number) waiting."""
    date = go_live.astimezone(TPE).date()
    year, volume = roc_year_for(date), volume_for(date)
    issue = GazetteIssuePage(roc_year=year, volume=volume, number=number,
                             title=issue_label(year, volume, number),
                             slug=issue_key(year, volume, number), publication_date=date,
                             go_live_at=go_live, live=False, locale=index.locale)
    index.add_child(instance=issue)
    issue.save_revision().publish()  # in the future: scheduled, not live
    for position, document in enumerate(documents, start=1):
        page = GazetteDocumentPage(
            title=document["title"], title_en=document.get("title_en", ""),
            slug=f"doc-{number}-{position}", locale=index.locale,
            document_type=DocumentType.objects.get(name=document["type"],
                                                   parent__isnull=False),
            document_number=document["number"],
            agency=Agency.objects.get(code=document["agency"], locale=index.locale),
            signing_date=date - datetime.timedelta(days=3),
            body=f"<p>{document['title']}</p>")
        issue.add_child(instance=page)
        page.save_revision()
    return GazetteIssuePage.objects.get(pk=issue.pk)


def links(message):
    return LINK.findall(message.body)


def link_to(message, fragment):
    [link] = [link for link in links(message) if fragment in link]
    return link


def path_of(link):
    return re.sub(r"^https?://[^/]+", "", link)


def confirm(client, message):
    """Opens the e-mail's confirmation link and presses the button on the page it shows,
    as the reader does; the page after the button."""
    link = path_of(link_to(message, "/confirm/"))
    assert client.get(link).status_code == 200
    return client.post(link)


def outbox_to(address):
    return [message for message in mail.outbox if message.to == [address]]


class RefusingBackend(EmailBackend):
    """The test outbox, except that the server refuses the addresses in `refused`."""

    refused = set()

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & self.refused:
                raise smtplib.SMTPRecipientsRefused(
                    {address: (550, b"mailbox unavailable") for address in message.to})
        return super().send_messages(messages)
