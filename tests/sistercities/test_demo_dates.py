"""The demo's atrium programme follows the day it is loaded: one exhibition is on and one is
coming, so that the home page never says nothing is on."""

import datetime
import io
import zoneinfo

import time_machine
from django.core.management import call_command

from sistercities.models import ExhibitionPage
from tests.html import parse

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


def load_demo():
    call_command("load_demo_content", stdout=io.StringIO())


def home_section(client):
    """The text of the home page's atrium section."""
    heading = parse(client.get("/").content.decode()).find(id="sistercities-section-title")
    return heading.find_parent("section").get_text(" ")


def exhibitions(group_title_id, client, path="/exhibitions/"):
    """The link texts in a group (on now, upcoming, past) of the exhibitions page."""
    page = parse(client.get(path).content.decode())
    heading = page.find(id=group_title_id)
    return [link.get_text(" ", strip=True) for link in heading.find_parent("section").select("a")]


def test_loading_the_demo_on_two_dates_gives_an_exhibition_on_and_one_coming(db, client):
    # Loaded on the last day of a month: this month's show is on, next month's is coming.
    with time_machine.travel(datetime.datetime(2027, 3, 31, 17, 0, tzinfo=TAIPEI), tick=False):
        load_demo()
        zh = ExhibitionPage.objects.filter(locale__language_code="zh-hant")
        on = zh.get(start_date__lte=datetime.date(2027, 3, 31), end_date__gte="2027-03-31")
        assert (on.start_date, on.end_date) == (datetime.date(2027, 3, 1),
                                               datetime.date(2027, 3, 31))
        coming = zh.get(start_date=datetime.date(2027, 4, 1))
        assert coming.end_date == datetime.date(2027, 4, 30)
        assert on.title in home_section(client) and coming.title not in home_section(client)
        assert coming.title in exhibitions("upcoming-title", client)
        english = coming.get_translation(
            ExhibitionPage.objects.filter(locale__language_code="en").first().locale)
        assert english.title.endswith(" exhibition") and english.title.isascii()
        assert english.title in exhibitions("upcoming-title", client, "/en/exhibitions/")
        # The exhibitions of the reports stay, as history.
        assert zh.filter(slug="2021-01-daegu", end_date__lt="2027-03-31").exists()

    # Loaded again a month later: what was coming is on, and the month after is coming.
    with time_machine.travel(datetime.datetime(2027, 4, 1, 9, 0, tzinfo=TAIPEI), tick=False):
        load_demo()
        assert coming.title in home_section(client) and on.title not in home_section(client)
        after = zh.get(start_date=datetime.date(2027, 5, 1))
        assert after.title != coming.title
        assert after.title in exhibitions("upcoming-title", client)
        assert coming.title in exhibitions("current-title", client)
        assert on.title in exhibitions("past-title", client)
