from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("track/", views.track, name="track"),
]
