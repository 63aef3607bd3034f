import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Imported once Django is set up: a kept page is answered before Django's request cycle.
from portal.caching import PageCacheApplication  # noqa: E402

application = PageCacheApplication(application)

# What is loaded by now lives as long as the process: frozen out of the collector's way, a
# full collection in a worker walks only what requests allocate (124 ms a time otherwise),
# and with gunicorn's --preload the workers go on sharing those pages with the master.
gc.freeze()
