"""The `"BACKEND": "search.elasticsearch_backend"` of `search.elasticsearch.search_backends`:
Wagtail's `elasticsearch8` backend with the portal's analysis, defined with everything
else it takes from Wagtail's internals in `search.wagtail_adapter.elasticsearch8`."""

from .wagtail_adapter.elasticsearch8 import SearchBackend

__all__ = ["SearchBackend"]
