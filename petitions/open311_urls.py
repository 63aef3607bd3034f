from django.urls import path, re_path

from . import open311

# Any name and format here, so that the views answer unknown ones with an Open311 error.
FMT = r"(?P<fmt>[^/.]+)"

urlpatterns = [
    re_path(rf"^discovery\.{FMT}$", open311.discovery),
    re_path(rf"^services\.{FMT}$", open311.services),
    re_path(rf"^services?/(?P<code>[^/]+?)\.{FMT}$", open311.service_definition),
    re_path(rf"^requests\.{FMT}$", open311.requests_view),
    re_path(rf"^requests/(?P<number>[^/]+?)\.{FMT}$", open311.request_detail),
    path("", open311.discovery, {"fmt": "json"}),
    # [\s\S], not ".": an address may hold a newline (%0A), and "." stops at one.
    re_path(r"^(?P<path>[\s\S]*)$", open311.not_found),
]
