from django.urls import path

from .citations import cite
from .feeds import feed_view

urlpatterns = [path("gazette/feed.atom", feed_view, name="gazette-feed"),
               # path, not str: a 發文字號 may hold a slash.
               path("gazette/cite/<path:citation>", cite, name="gazette-cite")]
