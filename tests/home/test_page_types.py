"""Every page type of the portal renders, in both languages. A new page type must get a
maker in PAGE_MAKERS, or test_every_page_type_has_a_maker fails."""

from django.conf import settings
from wagtail.models import get_page_models

from home.models import HomePage, StandardPage
from tests.factories import add_page, stream, translate


def make_standard_page(home):
    return add_page(home, StandardPage, title="一般頁面", slug="standard", summary="摘要",
                    body=stream(("heading", "段落"), ("paragraph", "<p>內文</p>"),
                                ("callout", {"style": "info", "heading": "提醒",
                                             "text": "<p>請注意</p>"})))


PAGE_MAKERS = {
    HomePage: lambda home: home,
    StandardPage: make_standard_page,
}


def portal_page_models():
    return [model for model in get_page_models()
            if model._meta.app_label in settings.PORTAL_APPS]


def test_every_page_type_has_a_maker():
    assert set(portal_page_models()) == set(PAGE_MAKERS)


def test_every_page_type_renders_in_both_languages(client, home, home_en):
    for model, make in PAGE_MAKERS.items():
        page = make(home)
        response = client.get(page.url)
        assert response.status_code == 200, model
        assert page.title in response.content.decode()
        if page.locale != home_en.locale and not page.has_translation(home_en.locale):
            translate(page, "en", title=f"{model.__name__} in English")
        english = page.get_translation(home_en.locale)
        response = client.get(english.url)
        assert response.status_code == 200, model
        assert english.title in response.content.decode()
