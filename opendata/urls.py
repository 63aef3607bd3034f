from django.urls import path

from . import ckan, dcat, views

urlpatterns = [
    path("data/resource/<int:resource_id>/download", views.download, name="opendata-download"),
    path("data/resource/<int:resource_id>/download/excel.csv", views.download_for_excel,
         name="opendata-download-excel"),
    path("api/3/action/<str:action>", ckan.action, name="ckan-action"),
    path("api/action/<str:action>", ckan.action, name="ckan-action-unversioned"),
    path("data/catalog.<str:extension>", dcat.catalogue, name="dcat-catalogue"),
    path("data.json", dcat.data_json, name="dcat-us"),
    path("data/<slug:identifier>/datapackage.json", dcat.datapackage, name="datapackage"),
]
