from django.urls import path, re_path

from . import api, citations, facets

urlpatterns = [
    path("documents.json", api.documents_json, name="gazette-documents-json"),
    path("documents.csv", api.documents_csv, name="gazette-documents-csv"),
    path("documents/<int:document_id>.json", api.document_json, name="gazette-document-json"),
    path("issues/<str:key>.json", api.issue_json, name="gazette-issue-json"),
    path("documents/facets/<str:facet>", facets.facets_json, name="gazette-documents-facets"),
    path("cite/<path:citation>", citations.cite_json, name="gazette-cite-json"),
    # [\s\S], not ".": an address may hold a newline (%0A), and "." stops at one.
    re_path(r"^(?P<path>[\s\S]*)$", api.not_found),
]
