"""Production: everything comes from the environment; see README.md for the reference."""

import os
import sys

import dj_database_url

from .base import *  # noqa: F403


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    sys.exit(
        "SECRET_KEY is not set or too short: set the SECRET_KEY environment variable "
        "to a random string of at least 50 characters."
    )
# Keys retired by a rotation: sessions and signed values made under them stay valid
# (and so do tracking codes issued before migration petitions 0007, until first used).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

# The sign-in lockout and the intake rate limits count clients by address. Behind a proxy
# every request comes from the proxy, so the deployment must say how many there are.
if not os.environ.get("TRUSTED_PROXY_COUNT", "").strip().isdigit():
    sys.exit(
        "TRUSTED_PROXY_COUNT is not set: set it to the number of proxies in front of the "
        "portal that append to X-Forwarded-For (1 behind the documented nginx, 0 if clients "
        "connect to gunicorn directly)."
    )

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if os.environ.get("DATABASE_URL"):
    DATABASES = {  # noqa: F811
        "default": dj_database_url.config(conn_max_age=600, conn_health_checks=True)
    }

# HTTPS only: the portal runs behind nginx or a CDN that terminates TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

STATIC_ROOT = os.environ.get("STATIC_ROOT", STATIC_ROOT)  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "https://www.example.gov.tw")
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

if os.environ.get("REDIS_URL"):
    CACHES = {  # noqa: F811
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            "KEY_PREFIX": "portal",
        }
    }

# The server keeps rendered pages only in a cache every worker shares: a worker with a cache
# of its own would not hear of a publish handled by another.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get(
    "PORTAL_PAGE_CACHE_SECONDS", 300 if os.environ.get("REDIS_URL") else 0))

# The front-end cache that a publish purges: Varnish or nginx taking HTTP PURGE requests,
# Cloudflare, or CloudFront (with the AWS credentials boto3 reads).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }

if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    # The same bucket under private/, read with signed URLs only by the views that check
    # access; the bucket's public-read policy must leave private/ out.
    STORAGES["private"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": "private",  # noqa: F405
                    "default_acl": "private", "querystring_auth": True, "custom_domain": None},
    }

# Task workers (`manage.py db_worker`) take the queue from the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # noqa: F811

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
