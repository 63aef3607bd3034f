from django.urls import path, re_path

from . import open311

FMT = r"(?P<fmt>[a-z]+)"

urlpatterns = [
    re_path(rf"^discovery\.{FMT}$", open311.discovery),
    re_path(rf"^services\.{FMT}$", open311.services),
    re_path(rf"^services?/(?P<code>[\w-]+)\.{FMT}$", open311.service_definition),
    re_path(rf"^requests\.{FMT}$", open311.requests_view),
    re_path(rf"^requests/(?P<number>[\w-]+)\.{FMT}$", open311.request_detail),
    path("", open311.discovery, {"fmt": "json"}),
]
