"""Staff downloads of case attachments, under a name the portal builds: the citizen's own file
name (收據.hta for a PDF) could make an officer's computer open the file with another program."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from . import actions
from .files import EXTENSIONS
from .models import Attachment
from .permissions import visible_cases

FALLBACK_TYPE = "application/octet-stream"


def download_name(case_number, position, content_type):
    """P115-000001-2.pdf: the case, the attachment's place among the case's in upload order,
    and the extension of the type detected at upload."""
    return f"{case_number}-{position}.{EXTENSIONS.get(content_type, 'bin')}"


def numbered(case):
    """(download name, attachment) for each of the case's attachments, in upload order."""
    return [(download_name(case.number, position, item.content_type), item)
            for position, item in enumerate(case.attachments.order_by("pk"), start=1)]


@never_cache
def attachment(request, pk):
    item = get_object_or_404(Attachment.objects.select_related("case"), pk=pk)
    if not request.user.is_authenticated:
        raise Http404
    if not visible_cases(request.user).filter(pk=item.case_id).exists():
        actions.refused(request.user, f"download attachment={item.pk}", item.case_id)
        raise Http404
    actions.audit(item.case, request.user, "download", f"attachment={item.pk}")
    position = item.case.attachments.filter(pk__lte=item.pk).count()
    content_type = item.content_type if item.content_type in EXTENSIONS else FALLBACK_TYPE
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, content_type=content_type,
        filename=download_name(item.case.number, position, item.content_type))
    response["X-Content-Type-Options"] = "nosniff"
    return response
