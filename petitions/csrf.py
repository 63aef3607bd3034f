"""CSRF_FAILURE_VIEW: an intake form whose CSRF check failed comes back filled in.

Apart from views.py because it needs the intake pages (models.py), which serve through
views.py."""

from django.http import Http404
from django.shortcuts import render
from django.views.csrf import csrf_failure as django_csrf_failure
from wagtail.models import Site

from .models import ComplaintFormPage, PetitionFormPage
from .views import INTAKE_TEMPLATE, draft_address, intake_form


def _intake_page(request):
    """The intake page this POST went to, or None."""
    match = request.resolver_match
    site = Site.find_for_request(request)
    if request.method != "POST" or not match or match.url_name != "wagtail_serve" or not site:
        return None
    # The page's own path, without the language prefix that i18n_patterns took off; routed
    # here, not by Page.find_for_request, whose per-request cache may hold another path.
    path = match.args[0] if match.args else match.kwargs.get("path", "")
    components = [part for part in path.split("/") if part]
    try:
        page = site.root_page.localized.specific.route(request, components).page.specific
    except Http404:
        return None
    return page if isinstance(page, PetitionFormPage | ComplaintFormPage) else None


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW. On an intake form (its cookie gone, or the form open for very
    long) the form comes back with what was typed and a fresh token, so nothing is retyped;
    anywhere else Django's own page."""
    page = _intake_page(request)
    if page is None:
        return django_csrf_failure(request, reason)
    typed = {key: value for key, value in request.POST.items()
             if key not in ("csrfmiddlewaretoken", "started", "website")}
    _kind, form_class, draft = intake_form(page, request.POST)
    form = form_class(initial=typed)
    context = {"page": page, "form": form, "expired": True, "files_dropped": bool(request.FILES)}
    if draft is not None:
        context.update(draft=draft, draft_url=draft_address(draft))
    return render(request, INTAKE_TEMPLATE, context, status=403)
