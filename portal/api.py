"""Wagtail API v2 at /api/v2/. Apps add their pages' fields through `api_fields`."""

from itertools import accumulate

from wagtail import hooks
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal import params
from portal.pagination import MAX_OFFSET


class BoundedPagination(WagtailPagination):
    """Wagtail's, refusing an offset the database cannot take (a 400, not a 500)."""

    def paginate_queryset(self, queryset, request, view=None):
        # Only ASCII digits are read here: anything else is left to Wagtail, which answers
        # it with a 400.
        offset = request.GET.get("offset", "")
        if params.is_digits(offset) and (len(offset) > len(str(MAX_OFFSET))
                                         or int(offset) > MAX_OFFSET):
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


# Wagtail parses ?fields=a(b(c)) recursively; far deeper than any model's relations would
# exhaust Python's stack (a RecursionError, a 500).
MAX_FIELDS_NESTING = 10


def fields_nesting(fields):
    """How deeply ?fields= nests its parentheses."""
    steps = (1 if char == "(" else -1 if char == ")" else 0 for char in fields)
    return max(accumulate(steps), default=0)


class Bounded:
    pagination_class = BoundedPagination

    def get_serializer_class(self):
        if fields_nesting(self.request.GET.get("fields", "")) > MAX_FIELDS_NESTING:
            raise BadRequestError(f"fields must nest at most {MAX_FIELDS_NESTING} deep")
        return super().get_serializer_class()


class Pages(Bounded, PagesAPIViewSet):
    pass


class Images(Bounded, ImagesAPIViewSet):
    pass


class Documents(Bounded, DocumentsAPIViewSet):
    def get_queryset(self):
        # Apps hide files not public yet (the gazette: an issue's files until it goes live).
        queryset = super().get_queryset()
        for hide in hooks.get_hooks("filter_public_documents"):
            queryset = hide(queryset)
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", Pages)
api_router.register_endpoint("images", Images)
api_router.register_endpoint("documents", Documents)
