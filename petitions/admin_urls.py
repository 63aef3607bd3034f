from django.urls import path

from . import serving

app_name = "petitions_files"

urlpatterns = [
    path("attachments/<int:pk>/", serving.attachment, name="attachment"),
]
