import io

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from . import generators
from .downloads import serve
from .models import DatasetResource


@require_safe
def download(request, resource_id):
    resource = get_object_or_404(
        DatasetResource.objects.select_related("page"), pk=resource_id, page__live=True)
    # A dataset behind a password or a sign-in keeps its files there too.
    if not all(restriction.accept_request(request)
               for restriction in resource.page.get_view_restrictions()):
        raise Http404
    if resource.generator:
        if generators.get(resource.generator) is None:
            raise Http404("generator not registered")
        rendered = generators.render(resource.generator, resource.format)
        fileobj, size = io.BytesIO(rendered.content), len(rendered.content)
        etag, modified = rendered.sha256, resource.page.last_published_at
    elif resource.file:
        fileobj = resource.file.storage.open(resource.file.name, "rb")
        size, etag, modified = resource.size, resource.sha256, resource.file_modified
    else:
        raise Http404("resource has no content")
    return serve(request, fileobj, size=size, etag=etag, last_modified=modified,
                 filename=resource.download_filename, content_type=resource.mime_type,
                 on_full_download=resource.count_download)
