import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Imported once Django is set up: a kept page is answered before Django's request cycle.
from portal.caching import PageCacheApplication  # noqa: E402

application = PageCacheApplication(application)
