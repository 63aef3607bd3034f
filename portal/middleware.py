import base64
import hashlib
import re

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
# still initialise themselves with one inline call each (wagtail/wagtail#12940). Only
# calls of exactly these shapes are allowed, by hash, so the policy keeps refusing every
# other inline script, injected ones included.
ADMIN_INLINE_SCRIPT = re.compile(
    r"<script>(\s*(?:"
    r"init(?:Date|DateTime|Time)Chooser\(\"id_[\w-]+\", \{[^<>{}]*\}\);"
    r"|new (?:Page|Document|Image|Snippet|Task)Chooser\(\"id_[\w-]+\", \{[^<>{}]*\}\);"
    r"|\(function\(\) \{\s*var panel = new InlinePanel\(JSON\.parse\(\"[^\"<>]*\"\)\);\s*\}\)\(\);"
    r")\s*)</script>"
)


class AdminWidgetScriptHashMiddleware:
    """Adds the hashes of the Wagtail admin's own widget initialisers to script-src. Sits
    before CSPMiddleware, so it sees the response after the policy header is set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = response.get("Content-Security-Policy")
        if (
            policy
            and request.path.startswith("/admin/")
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
        ):
            hashes = sorted({
                "'sha256-{}'".format(base64.b64encode(
                    hashlib.sha256(body.encode()).digest()).decode())
                for body in ADMIN_INLINE_SCRIPT.findall(response.content.decode())
            })
            if hashes:
                response["Content-Security-Policy"] = policy.replace(
                    "script-src 'self'", "script-src 'self' " + " ".join(hashes), 1)
        return response
