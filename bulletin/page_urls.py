from django.urls import path

from .feeds import feed_view

urlpatterns = [path("gazette/feed.atom", feed_view, name="gazette-feed")]
