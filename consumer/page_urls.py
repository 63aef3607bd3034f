from django.urls import path

from .feeds import feed_view

urlpatterns = [path("consumer/feed.atom", feed_view, name="consumer-feed")]
