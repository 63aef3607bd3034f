"""Settings shared by every environment; dev, test and production adjust them.

Each list is written once, in order. Settings name code by dotted path and import no app;
an app's own knobs (GAZETTE_*, PETITIONS_*, SISTERCITIES_*) have their defaults in the app's
`conf.py` and may still be set here, in production.py or in the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url

from portal.security.headers import static_file_headers

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

PORTAL_APPS = [
    "portal",
    "home",
    "bulletin",
    "sistercities",
    "consumer",
    "opendata",
    "petitions",
    "alerts",
    "search",
]

INSTALLED_APPS = [
    *PORTAL_APPS,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_tasks",
    # The queue table of production's task backend (the health check reads it everywhere).
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.search_promotions",
    # Sign-in lockout and two-step verification (portal/security/).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "corsheaders",
]

MIDDLEWARE = [
    # First: a kept page is answered before anything else runs (portal/caching.py).
    "portal.caching.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.logs.RequestIdMiddleware",
    # Logs a proxy that TRUSTED_PROXY_COUNT does not count (the settings cannot see it).
    "portal.security.client.UncountedProxyMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    # CORS before anything that answers by itself (static files, the page cache, common's
    # redirects), so that their answers carry the headers and preflights end here.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.caching.CachingMiddleware",
    # After the page cache, which a hit does not need: look-ups made once a request.
    "portal.memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After the locale (refusals in the page's language), before CSRF parses the body.
    "portal.security.limits.RequestLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-step verification: right after the user is known.
    "django_otp.middleware.OTPMiddleware",
    "portal.security.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.AdminWidgetCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL selects PostgreSQL in CI and production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: the planner's row estimates for OR-ed page filters (menus, search) run in the
    # tens of thousands, past jit_above_cost, and compiling took 100 ms of a 5 ms query.
    # random_page_cost is the server's to tune (docs/deployment: 1.1 on SSD): set here, on
    # every connection, it turned a sister city's exhibitions query into a 4-minute plan
    # on the test suite's freshly truncated tables.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and the writer work side by side; IMMEDIATE avoids
        # "database is locked" when two requests upgrade to writers at once.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: 正體中文 is the default at "/", English lives under "/en/".
LANGUAGE_CODE = "zh-hant"
LANGUAGES = [
    ("zh-hant", "正體中文"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files that only a view checking who may see them serves (an open-data resource, whose
# dataset may be a draft or deleted): outside MEDIA_ROOT, so no web server or bucket policy
# that publishes /media/ publishes them.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-media/"}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}
}

# Background work: Django tasks, run in-process unless production picks the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# /healthz (portal/health.py): the scheduler is reported down when no job has run for this
# many seconds (publishing runs every minute), the queue stalled when its oldest ready task
# has waited this long. 0 turns the scheduler check off.
PORTAL_SCHEDULER_STALE_AFTER = int(os.environ.get("PORTAL_SCHEDULER_STALE_AFTER", 600))
PORTAL_TASK_QUEUE_STALE_AFTER = int(os.environ.get("PORTAL_TASK_QUEUE_STALE_AFTER", 900))

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds an SMTP connection may wait on the server: one that accepts and never answers must
# not hold a task worker.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@kcg.gov.tw")

WAGTAIL_SITE_NAME = "高雄市政府行政暨國際處"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "csv", "txt", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: no outside assets, and editors' e-mail hashes stay here.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

# Security headers that hold everywhere; production adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# CORS (django-cors-headers): scripts on any site may read the open-data interfaces, as CKAN
# (ckan.cors.origin_allow_all) and data.gov.tw allow: "*", never with credentials. Only these
# addresses, which take no cookie and hold no personal data: the CKAN action API, data.json,
# the DCAT catalogue files, the Data Packages and the files they list. Never petitions, the
# admin or Open311.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = (r"^/(api/3/action/|api/action/|data\.json$|data/catalog\.[^/]+$"
                   r"|data/[^/]+/datapackage\.json$|data/resource/\d+/download)")
# POST: CKAN's action API also takes JSON bodies (read-only here). The headers CKAN allows,
# and conditional requests.
CORS_ALLOW_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "authorization", "content-type",
                      "if-modified-since", "if-none-match", "x-ckan-api-key")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The Wagtail admin sets inline styles; public templates use none.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # JSON lines (portal.logs); dev.py switches to the plain format for reading by eye.
    "formatters": {
        "json": {"()": "portal.logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "filters": {
        "request_id": {"()": "portal.logs.RequestIdFilter"},
        "redact": {"()": "portal.logs.RedactFilter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json",
                             "filters": ["request_id", "redact"]}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # One line per task and per page save drowns what matters.
        "django_tasks": {"level": "WARNING"},
        # Not a line per job run; missed runs and failures still show.
        "apscheduler": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # lockouts, not every attempt
    },
}

# --- caching (portal/caching.py, portal/invalidation.py) ---
# Public pages: how long browsers, and shared caches (a CDN, Varnish, which the portal
# purges on publish), may keep them; how long the server keeps a rendered page (0: never).
PORTAL_CACHE_MAX_AGE = int(os.environ.get("PORTAL_CACHE_MAX_AGE", 120))
PORTAL_CACHE_S_MAXAGE = int(os.environ.get("PORTAL_CACHE_S_MAXAGE", 600))
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", 300))
# Each process also holds the pages it served last, up to this many bytes of HTML, checked
# against the shared content version on every request.
PORTAL_PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PORTAL_PAGE_CACHE_LOCAL_BYTES",
                                                   16 * 2**20))
# Translations have URLs of their own (slugs differ), so the portal purges them page by page
# instead of Wagtail rewriting one path into /zh-hant/… and /en/….
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

# Portal-wide knobs.
PORTAL_PAGE_SIZE = 20

# --- search ---
# Chinese-aware analysis on the database backend (SQLite FTS5 or PostgreSQL); production
# sets ELASTICSEARCH_URL for Elasticsearch 8, whose backend brings the same analysis.
_elasticsearch_url = os.environ.get("ELASTICSEARCH_URL")
WAGTAILSEARCH_BACKENDS = {"default": {
    "BACKEND": "search.elasticsearch_backend",
    "URLS": [_elasticsearch_url],
    "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX", "portal") + "_",
    "TIMEOUT": 5,
} if _elasticsearch_url else {"BACKEND": "search.backends"}}

# --- admin sign-in and request limits (portal/security/) ---
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend",
                           "django.contrib.auth.backends.ModelBackend"]

# Sign-in lockout: five wrong passwords for one user name from one address lock that pair
# for half an hour (a whole office behind one address is not locked by one person's typos).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False
AXES_CLIENT_IP_CALLABLE = "portal.security.client.client_address"
AXES_LOCKOUT_CALLABLE = "portal.security.views.locked_out"
# How many proxies in front of Django append to X-Forwarded-For (nginx: 1). Zero trusts
# only the connection's address: the header is anyone's to forge unless a proxy sets it.
# Production refuses to start without a count (portal/settings/production.py).
_proxies = os.environ.get("TRUSTED_PROXY_COUNT", "").strip()
PORTAL_TRUSTED_PROXY_COUNT = int(_proxies) if _proxies.isdigit() else 0

# Two-step verification (TOTP) guards these paths; who must use it is decided in
# portal/security/two_factor.py from the apps' `two_factor_required` hooks.
PORTAL_STAFF_PATHS = ("/admin/", "/cases/files/")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1

# Static files carry the site's Content-Security-Policy too.
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers

# An intake form whose CSRF cookie is gone comes back filled in, not as a bare 403 page.
CSRF_FAILURE_VIEW = "petitions.csrf.csrf_failure"

# Staff sessions end after this much inactivity: every request pushes the expiry on (an
# anonymous citizen has no session: the intake's confirmation travels in a cookie of its own).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True

# Request limits: one request body at most this size (the intake takes five 10 MB files;
# nginx's client_max_body_size matches), form fields at most 2.5 MB in all, and Wagtail's
# advice of 10,000 fields, which long StreamField pages in the page editor need.
PORTAL_MAX_REQUEST_BYTES = 60 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
