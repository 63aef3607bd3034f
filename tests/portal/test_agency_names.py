from django.template import Context, Template
from django.utils import translation
from wagtail.models import Locale

from portal.models import Agency

TEMPLATE = Template("{% load portal_tags %}{{ agency|agency_name }}")


def render(agency, language):
    with translation.override(language):
        return TEMPLATE.render(Context({"agency": agency}))


def test_agency_name_follows_the_reader_and_edits(home, django_assert_num_queries):
    agency = Agency.objects.create(code="397000000A", name="高雄市政府行政暨國際處",
                                   locale=home.locale)
    other = Agency.objects.create(code="397010000A", name="高雄市政府法制局", locale=home.locale)
    english = agency.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = "Department of Administration and International Affairs"
    english.save()

    assert render(agency, "zh-hant") == "高雄市政府行政暨國際處"
    assert render(agency, "en") == "Department of Administration and International Affairs"
    assert render(other, "en") == "高雄市政府法制局"  # no translation yet: the original
    with django_assert_num_queries(0):  # cached until an agency changes
        render(agency, "en")
        render(other, "en")

    english.name = "Dept. of Administration and International Affairs"
    english.save()
    assert render(agency, "en") == "Dept. of Administration and International Affairs"
    assert render(None, "en") == ""
