"""What the open-data catalogue contributes to the portal through its extension points."""

from wagtail import hooks

from portal import extensions

from . import openapi


@hooks.register(extensions.API_DESCRIPTIONS)
def ckan_api_description():
    return [openapi.description()]
