"""Every page type of the portal renders, in both languages.

Each app's tests declare how to make its page types in `tests/<app>/page_makers.py`:
`PAGE_MAKERS = {Model: make(home) -> live page}`. A page type without a maker fails
test_every_page_type_has_a_maker."""


from django.conf import settings
from wagtail.models import get_page_models

from tests.factories import translate
from tests.page_makers import all_page_makers


def portal_page_models():
    return {model for model in get_page_models()
            if model._meta.app_label in settings.PORTAL_APPS}


def test_every_page_type_has_a_maker():
    assert portal_page_models() == set(all_page_makers())


def test_every_page_type_renders_in_both_languages(client, home, home_en):
    for model, make in all_page_makers().items():
        page = make(home)
        response = client.get(page.url)
        assert response.status_code == 200, model
        assert page.title in response.content.decode()
        if not page.has_translation(home_en.locale):
            translate(page, "en", title=f"{model.__name__} in English")
        english = page.get_translation(home_en.locale)
        response = client.get(english.url)
        assert response.status_code == 200, model
        assert english.title in response.content.decode()
