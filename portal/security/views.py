"""The admin's two-step verification pages, and the page shown when sign-in is locked."""

import django_otp
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from portal import params

from . import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code from your authenticator app"), max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True}))

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not params.is_digits(code):
            raise forms.ValidationError(_("Enter the digits your authenticator app shows."))
        return code


def _next_url(request):
    wanted = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return wanted
    return reverse("wagtailadmin_home")


def _go_to(url_name, request):
    return redirect(f"{reverse(url_name)}?{urlencode({'next': _next_url(request)})}")


def _check(form, device):
    """Whether the code in `form` is right for `device`, with the reason on the form if not;
    django-otp slows repeated wrong codes down, which is said rather than hidden."""
    if not form.is_valid():
        return False
    allowed, _detail = device.verify_is_allowed()
    if not allowed:
        form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
        return False
    if not device.verify_token(form.cleaned_data["code"]):
        form.add_error("code", _("That code is not right. Codes change every 30 seconds: "
                                 "enter the one your app shows now, and check that your "
                                 "phone's clock is right."))
        return False
    return True


@never_cache
def enrol(request):
    user = request.user
    current = two_factor.confirmed_device(user)
    if current and not user.is_verified():
        # A password alone must not replace or remove an authenticator.
        return _go_to("portal_two_factor_verify", request)
    required = two_factor.required_for(user)
    if request.method == "POST" and request.POST.get("action") == "remove":
        if required:
            messages.error(request, _("Your account must use two-step verification."))
        else:
            two_factor.remove_devices(user)
            messages.success(request, _("Two-step verification is off."))
        return redirect("portal_two_factor_enrol")
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _check(form, device):
        two_factor.confirm(device)
        django_otp.login(request, device)
        messages.success(request, _("Two-step verification is on. From now on you will "
                                    "enter a code from your app after your password."))
        return redirect(_next_url(request))
    return render(request, "portal/security/enrol.html", {
        "form": form, "next": _next_url(request), "current": current, "required": required,
        "qr": two_factor.qr_svg(device, _("QR code to scan with your authenticator app")),
        "secret": two_factor.secret_text(device), "issuer": settings.OTP_TOTP_ISSUER,
    }, status=400 if form.errors else 200)


@never_cache
def verify(request):
    device = two_factor.confirmed_device(request.user)
    if device is None:
        return _go_to("portal_two_factor_enrol", request)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _check(form, device):
        django_otp.login(request, device)
        return redirect(_next_url(request))
    return render(request, "portal/security/verify.html",
                  {"form": form, "next": _next_url(request)},
                  status=400 if form.errors else 200)


def locked_out(request, response=None, credentials=None):
    """django-axes' lockout answer, in the sign-in page's look. /admin/ has no language
    prefix, so the language is the browser's (or the language switcher's cookie)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    with translation.override(translation.get_language_from_request(request)):
        return render(request, "portal/security/locked_out.html", {"minutes": minutes},
                      status=429)
