from wagtail import hooks

from portal import extensions, params

from . import ckan


@hooks.register(extensions.API_ERROR_FORMATS)
def ckan_error_format():
    return [params.ErrorFormat(prefixes=("/api/3/action/", "/api/action/"),
                               render=ckan.render_errors)]
