"""Agency names in the reader's language. Content refers to agencies in the default locale;
English pages show the English translation of the snippet where one exists."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import translation

CACHE_KEY = "portal:agency-names:{}"


def names_in(language_code):
    """{translation_key: name} for every agency in that language: one query per edit."""
    from .models import Agency

    key = CACHE_KEY.format(language_code)
    names = cache.get(key)
    if names is None:
        names = {str(translation_key): name for translation_key, name in Agency.objects.filter(
            locale__language_code=language_code).values_list("translation_key", "name")}
        cache.set(key, names, None)
    return names


def display_name(agency):
    if agency is None:
        return ""
    return names_in(translation.get_language()).get(str(agency.translation_key), agency.name)


def forget_names(**kwargs):
    from django.conf import settings

    cache.delete_many([CACHE_KEY.format(code) for code, _name in settings.LANGUAGES])


def connect():
    from .models import Agency

    post_save.connect(forget_names, sender=Agency, dispatch_uid="portal-agency-names-save")
    post_delete.connect(forget_names, sender=Agency, dispatch_uid="portal-agency-names-delete")
