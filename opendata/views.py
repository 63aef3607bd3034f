import io

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from . import generators
from .downloads import BOM, Prefixed, serve
from .models import DatasetResource

# Live data changes without a publish: caches keep a copy but ask before using it.
LIVE_CACHE_CONTROL = "public, no-cache"


def published_resource(request, resource_id):
    resource = get_object_or_404(
        DatasetResource.objects.select_related("page"), pk=resource_id, page__live=True)
    # A dataset behind a password or a sign-in keeps its files there too.
    if not all(restriction.accept_request(request)
               for restriction in resource.page.get_view_restrictions()):
        raise Http404
    return resource


def source_resource(resource):
    """For a translation's copy of a resource, the default-language page's row it was copied
    from (same file or generator, same format), which is the one served and counted."""
    source = resource.page.source_page()
    if source.pk == resource.page_id:
        return None
    match = source.resources.filter(file=resource.file.name, generator=resource.generator,
                                    format=resource.format).first()
    if match is None:
        raise Http404("resource not in the dataset's own language")
    return match


def resource_content(resource):
    """(file object, size, bare ETag, Last-Modified) of the resource's current content."""
    if resource.generator:
        if generators.get(resource.generator) is None:
            raise Http404("generator not registered")
        rendered = generators.render(resource.generator, resource.format)
        resource.record_generated(rendered)
        return io.BytesIO(rendered.content), len(rendered.content), rendered.sha256, \
            resource.file_modified
    if resource.file:
        fileobj = resource.file.storage.open(resource.file.name, "rb")
        return fileobj, resource.size, resource.sha256, resource.file_modified
    raise Http404("resource has no content")


@require_safe
def download(request, resource_id):
    resource = published_resource(request, resource_id)
    source = source_resource(resource)
    if source is not None:
        return redirect("opendata-download", source.pk, permanent=True)
    fileobj, size, etag, modified = resource_content(resource)
    return serve(request, fileobj, size=size, etag=etag, last_modified=modified,
                 filename=resource.download_filename,
                 fallback_filename=resource.fallback_filename,
                 content_type=resource.content_type,
                 cache_control=LIVE_CACHE_CONTROL if resource.generator else None,
                 on_full_download=resource.count_download)


@require_safe
def download_for_excel(request, resource_id):
    """The same UTF-8 CSV behind a byte-order mark, which Excel needs to read it as UTF-8.
    Counted as a download of the resource."""
    resource = published_resource(request, resource_id)
    if not resource.has_excel_copy:
        raise Http404("only UTF-8 CSV files have an Excel copy")
    source = source_resource(resource)
    if source is not None:
        return redirect("opendata-download-excel", source.pk, permanent=True)
    fileobj, size, etag, modified = resource_content(resource)
    return serve(request, Prefixed(BOM, fileobj), size=size + len(BOM), etag=f"{etag}-excel",
                 last_modified=modified, filename=f"{resource.download_name} (Excel).csv",
                 fallback_filename=f"{resource.page.identifier}-{resource.pk}-excel.csv",
                 content_type=resource.content_type,
                 cache_control=LIVE_CACHE_CONTROL if resource.generator else None,
                 on_full_download=resource.count_download)
