"""Issue 19: every public page renders cold — with an empty cache, as a fresh worker meets
it — in at most CEILING queries, in both languages, and in as many when its content grows
(more documents in an issue, notices, datasets, cities, exhibitions, keywords, menu links).
The search page has a budget of its own (tests/search)."""

import json
from io import StringIO

from django.core.cache import caches
from django.core.management import call_command
from wagtail.models import Site

from bulletin.models import GazetteDocumentPage, GazetteIndexPage, open_consultations
from consumer.models import ConsumerNoticePage
from opendata.models import DatasetPage
from petitions import actions, domain
from petitions.models import Kind
from portal.models import Agency, PortalSettings
from sistercities.models import ExhibitionPage, SisterCityPage
from tests.demo_pages import (
    LANGUAGES,
    VIEWS,
    consultation_urls,
    first_live,
    portal_page_models,
    signed_views,
)

CEILING = 15
GROWN = 6


def public_pages(signed):
    """(page type or view, address) of one live page of every type in each language, then
    the views that are not pages. Gazette issues and documents, in Chinese only, are read
    in English through the English gazette index."""
    pages = []
    for model in portal_page_models():
        for language in LANGUAGES:
            page = first_live(model, language)
            if page is None and language == "en":
                source = first_live(model, LANGUAGES[0])
                index = first_live(GazetteIndexPage, "en")
                if source is not None and index is not None:
                    pages.append((model.__name__, index.specific.reading_url(source.specific)))
                continue
            assert page is not None, f"the demo has no live {model.__name__} ({language})"
            pages.append((model.__name__, page.url))
    # Issue 20's pages of drafts for comment: a draft's page and its comment form.
    return (pages + [(url, url) for url in VIEWS + signed if "/search/" not in url]
            + consultation_urls())


def cold_query_counts(client, django_assert_max_num_queries, signed):
    pages = public_pages(signed)
    # A first view makes the pictures' renditions, which a running site has made long ago.
    for _name, url in pages:
        client.get(url)
    counts = {}
    for _name, url in pages:
        for cache in caches.all():
            cache.clear()
        with django_assert_max_num_queries(CEILING, info=url) as captured:
            response = client.get(url)
        assert response.status_code == (404 if "no-such-page" in url else 200), url
        counts[url] = len(captured)
    return counts


def grow_content():
    """More of everything the pages list or link, in the places the pages show."""
    for model in (GazetteDocumentPage, ConsumerNoticePage, DatasetPage, SisterCityPage,
                  ExhibitionPage):
        source = first_live(model, LANGUAGES[0]).specific
        for number in range(GROWN):
            source.copy(update_attrs={"slug": f"{source.slug}-{number}",
                                      "title": f"{source.title} {number}"})
    # Cases of more agencies and months: the accountability page counts them in SQL.
    for number, agency in enumerate(Agency.objects.filter(
            locale__language_code=LANGUAGES[0]).order_by("code")[:GROWN]):
        case, _code = domain.create_case(Kind.PETITION, {"subject": "路燈", "name": "王小明"})
        actions.assign(case, agency, None)
        if number % 2:
            actions.change_status(case, "closed", None)

    draft = open_consultations().first()
    for number in range(GROWN):
        draft.copy(update_attrs={"slug": f"{draft.slug}-{number}",
                                 "title": f"{draft.title} {number}"})
    document = first_live(GazetteDocumentPage, LANGUAGES[0]).specific
    document.set_keywords([*document.keyword_list, *(f"關鍵詞{n}" for n in range(GROWN))])
    document.save_revision().publish()
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.main_menu = json.dumps(list(settings.main_menu.raw_data) * 2)
    settings.footer_links = json.dumps(list(settings.footer_links.raw_data) * 2)
    settings.save()


def test_every_public_page_renders_cold_in_a_bounded_number_of_queries_whatever_its_size(
        db, client, django_assert_max_num_queries):
    call_command("load_demo_content", stdout=StringIO())
    # Made once: a signed link carries the time it was made.
    signed = signed_views()
    before = cold_query_counts(client, django_assert_max_num_queries, signed)

    grow_content()

    assert cold_query_counts(client, django_assert_max_num_queries, signed) == before
