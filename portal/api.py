"""Wagtail API v2 at /api/v2/. Apps add their pages' fields through `api_fields`."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal.pagination import MAX_OFFSET


class BoundedPagination(WagtailPagination):
    """Wagtail's, refusing an offset the database cannot take (a 400, not a 500)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        if offset.isdigit() and (len(offset) > len(str(MAX_OFFSET)) or int(offset) > MAX_OFFSET):
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class Pages(PagesAPIViewSet):
    pagination_class = BoundedPagination


class Images(ImagesAPIViewSet):
    pagination_class = BoundedPagination


class Documents(DocumentsAPIViewSet):
    pagination_class = BoundedPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", Pages)
api_router.register_endpoint("images", Images)
api_router.register_endpoint("documents", Documents)
