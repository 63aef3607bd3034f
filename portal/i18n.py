"""Links between the Chinese and English versions of the portal."""

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from wagtail.models import Locale, Page, Site


def default_language():
    """The code of the portal's default language (Chinese, "zh-hant"): the one way to name it
    outside settings and migrations."""
    return get_supported_language_variant(settings.LANGUAGE_CODE)


def default_locale():
    """The Wagtail locale of the default language."""
    return Locale.objects.get(language_code=default_language())


def home_url(language_code, request=None):
    """The home page of a language: the site root's translation, else that language's prefix."""
    site = Site.find_for_request(request) if request else None
    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        translated = site.root_page.get_translation_or_none(
            Locale.objects.filter(language_code=language_code).first()
        )
        if translated is not None and translated.live:
            return translated.get_url(request)
    with translation.override(language_code):
        return "/" if language_code == default_language() else f"/{language_code}/"


def alternate_url(request, language_code, page=None):
    """The same page in another language when a live translation exists, else that
    language's home page. Views that are not Wagtail pages translate their own path."""
    if isinstance(page, Page):
        locale = Locale.objects.filter(language_code=language_code).first()
        translated = page.get_translation_or_none(locale) if locale else None
        if translated is not None and translated.live:
            return translated.get_url(request)
        return home_url(language_code, request)
    if request is not None:
        match = resolve_or_none(request.path_info)
        # Wagtail's catch-all route matches any path; only named views have a counterpart.
        if match is not None and match.url_name != "wagtail_serve":
            return translate_url(request.get_full_path(), language_code)
    return home_url(language_code, request)


def resolve_or_none(path):
    try:
        return resolve(path)
    except Resolver404:
        return None
