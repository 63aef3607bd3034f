from csp.utils import build_policy
from django.conf import settings


def static_file_headers(headers, path, url):
    """WhiteNoise answers static files before the CSP and framing middleware run; they get
    the same headers (an SVG opened on its own is a document that could run script)."""
    headers["Content-Security-Policy"] = build_policy()
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
