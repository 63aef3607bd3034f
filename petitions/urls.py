from django.urls import path

from . import drafts, views

app_name = "petitions"

urlpatterns = [
    path("received/", views.received, name="received"),
    path("track/", views.track, name="track"),
    path("track/resend/", views.resend_link, name="resend_link"),
    path("track/<str:number>/<str:token>/", views.track_link, name="track_link"),
    path("comment/<int:draft_id>/", drafts.comment_on_draft, name="comment_on_draft"),
]
