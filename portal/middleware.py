import base64
import hashlib
import re
from html.parser import HTMLParser

from csp.middleware import CSPMiddleware
from django.conf import settings


class PermissionsPolicyMiddleware:
    """Sends Permissions-Policy, which Django's SecurityMiddleware does not."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.policy)
        return response


# Wagtail's date widgets, choosers (page, document, image, snippet) and inline panels
# still initialise themselves with one inline call each, and Wagtail 8 offers no way to
# give them a nonce: the choosers' <script> is written in Python, not in a template, and
# widget templates are rendered without the request (wagtail/wagtail#12940 and #1288, both
# open). So the policy allows calls of exactly these shapes by hash, and keeps refusing
# every other inline script, injected ones included. Each shape is matched against the
# text of one attribute-less <script> element, as an HTML parser reads it.
ADMIN_INLINE_SCRIPT = re.compile(
    r"\s*(?:"
    r"init(?:Date|DateTime|Time)Chooser\(\"id_[\w-]+\", \{[^<>{}]*\}\);"
    r"|new (?:Page|Document|Image|Snippet|Task)Chooser\(\"id_[\w-]+\", \{[^<>{}]*\}\);"
    r"|\(function\(\) \{\s*var panel = new InlinePanel\(JSON\.parse\(\"[^\"<>]*\"\)\);\s*\}\)\(\);"
    r")\s*"
)


class InlineScripts(HTMLParser):
    """Collects the text of each inline <script> element without attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts = []
        self._text = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._text = None if attrs else []

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._text is not None:
            self.scripts.append("".join(self._text))
            self._text = None


def admin_widget_hashes(html):
    """The CSP hash sources of the admin's own widget initialisers in a page."""
    parser = InlineScripts()
    parser.feed(html)
    parser.close()
    return sorted({
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
        for body in parser.scripts if ADMIN_INLINE_SCRIPT.fullmatch(body)
    })


class AdminWidgetCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, adding to script-src the hashes of the Wagtail admin's own
    widget initialisers through django-csp's extension point for per-response policies
    (`get_policy_parts`, as its own `RateLimitedCSPMiddleware` does)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            request.path.startswith("/admin/")
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
        ):
            hashes = admin_widget_hashes(response.content.decode())
            if hashes:
                update = dict(parts.update or {})
                update["script-src"] = [*update.get("script-src", []), *hashes]
                parts.update = update
        return parts
