from django.urls import path

from . import views

app_name = "petitions_files"

urlpatterns = [
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
]
