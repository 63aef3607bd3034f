"""Two-step verification (TOTP) for staff: who must use it, their authenticator device, and
the middleware that sends them to enrolment or verification before any staff page."""

import base64

import segno
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks

DEVICE_NAME = "authenticator"
# Staff pages a signed-in person may open before verifying: signing in and out, the
# verification pages themselves, and what those pages load.
OPEN_URL_NAMES = {
    "wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog", "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done", "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete", "portal_two_factor_enrol",
    "portal_two_factor_verify",
}


def required_for(user):
    """True when a password alone is not enough for this user: superusers, and anyone an
    app's `two_factor_required` hook names (petitions: whoever can see cases)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(
        check(user) for check in hooks.get_hooks("two_factor_required"))


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user):
    """The authenticator being set up: kept until confirmed, so reloading the enrolment page
    shows the same code to scan."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm(device):
    """Makes `device` the user's only authenticator."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def remove_devices(user):
    TOTPDevice.objects.filter(user=user).delete()


def secret_text(device):
    """The key in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_svg(device, title):
    """The otpauth:// URL as an inline SVG QR code, drawn here: the secret goes nowhere."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, title=title, svgclass="two-factor-qr", lineclass=None)


class TwoFactorMiddleware(MiddlewareMixin):
    """After OTPMiddleware: on staff paths, a signed-in user who must verify (the rule above,
    or anyone who has an authenticator) and has not in this session is sent to verify, or to
    set up an authenticator first, and comes back afterwards."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(settings.PORTAL_STAFF_PATHS):
            return None
        if request.resolver_match and request.resolver_match.url_name in OPEN_URL_NAMES:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if confirmed_device(user):
            target = "portal_two_factor_verify"
        elif required_for(user):
            target = "portal_two_factor_enrol"
        else:
            return None
        return redirect_to_login(request.get_full_path(), reverse(target))
