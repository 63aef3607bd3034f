"""Thin views: intake and tracking."""

from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache

from . import domain, ratelimit
from .forms import ComplaintForm, PetitionForm
from .models import Attachment, CaseEvent, Kind
from .tasks import send_receipt_email

INTAKE_TEMPLATE = "petitions/intake_page.html"
FORMS = {Kind.PETITION: PetitionForm, Kind.COMPLAINT: ComplaintForm}


def serve_intake(page, request):
    form_class = FORMS[page.kind]
    if request.method != "POST":
        return render(request, INTAKE_TEMPLATE, {"page": page, "form": form_class()})
    if ratelimit.exceeded(request, "submit", settings.PETITIONS_SUBMIT_LIMIT, 3600):
        return ratelimit.too_many(request)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, INTAKE_TEMPLATE, {"page": page, "form": form}, status=400)
    if form.is_bot:
        # Answer as if refused for being too quick, without saying why; nothing is saved.
        return render(request, INTAKE_TEMPLATE, {"page": page, "form": form,
                                               "too_fast": True}, status=400)
    fields = form.case_fields()
    fields["language"] = translation.get_language()
    with transaction.atomic():
        case, code = domain.create_case(page.kind, fields)
        for content, content_type, original_name in form.cleaned_data["attachments"]:
            Attachment.objects.create(case=case, file=content, content_type=content_type,
                                      original_name=original_name, size=content.size)
    if case.email:
        transaction.on_commit(lambda: send_receipt_email.enqueue(case.pk))
    response = render(request, "petitions/confirmation.html",
                      {"page": page, "case": case, "tracking_code": code})
    # The code is shown once: no cache may keep the page.
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def track(request):
    # POST, so the code never lands in a URL, a server log or a Referer header.
    context = {"searched": False}
    if request.method == "POST":
        if ratelimit.exceeded(request, "track", settings.PETITIONS_TRACK_LIMIT, 600):
            return ratelimit.too_many(request)
        number = request.POST.get("number", "")[:20]
        case = domain.find_case_for_tracking(number, request.POST.get("code", "")[:40])
        context.update(searched=True, case=case, number=number)
        if case:
            context["events"] = case.events.filter(type__in=CaseEvent.PUBLIC_TYPES).select_related(
                "agency")
    status = 404 if context["searched"] and not context.get("case") else 200
    return render(request, "petitions/track.html", context, status=status)

