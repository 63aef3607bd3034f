"""Thin views: intake and tracking."""

from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache

from . import conf, domain, intake, ratelimit
from .cases import Case, CaseEvent, Kind
from .forms import ComplaintForm, PetitionForm
from .tasks import send_tracking_link

INTAKE_TEMPLATE = "petitions/intake_page.html"
FORMS = {Kind.PETITION: PetitionForm, Kind.COMPLAINT: ComplaintForm}


def _confirmation(request, page, case, code=None):
    response = render(request, "petitions/confirmation.html",
                      {"page": page, "case": case, "tracking_code": code})
    # The code is shown once: no cache may keep the page.
    response["Cache-Control"] = "no-store"
    return response


def serve_intake(page, request):
    form_class = FORMS[page.kind]
    if request.method != "POST":
        return render(request, INTAKE_TEMPLATE, {"page": page, "form": form_class()})
    if ratelimit.exceeded(request, "submit", conf.submit_limit(), 3600):
        return ratelimit.too_many(request)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        replayed = intake.submitted_case(form.cleaned_data.get("submission"))
        if replayed:  # sent again after it went through: the first case's confirmation
            return _confirmation(request, page, replayed)
        if form.expired:
            return render(request, INTAKE_TEMPLATE, {
                "page": page, "form": form.renewed(), "expired": True,
                "files_dropped": bool(request.FILES)}, status=400)
        return render(request, INTAKE_TEMPLATE, {"page": page, "form": form}, status=400)
    if form.is_bot:
        # Answer as if refused for being too quick, without saying why; nothing is saved.
        return render(request, INTAKE_TEMPLATE, {"page": page, "form": form,
                                               "too_fast": True}, status=400)
    fields = form.case_fields()
    fields["language"] = translation.get_language()
    try:
        case, code = intake.submit(page.kind, fields, channel="web",
                                   attachments=form.cleaned_data["attachments"],
                                   submission_key=form.cleaned_data["submission"] or None)
    except intake.AlreadySubmitted as replay:
        return _confirmation(request, page, replay.case)
    return _confirmation(request, page, case, code)


def _track_page(request, case, status=200, **context):
    if case:
        context["events"] = case.events.filter(
            type__in=CaseEvent.PUBLIC_TYPES).select_related("agency")
    return render(request, "petitions/track.html", {"case": case, **context}, status=status)


@never_cache
def track(request):
    # POST, so the code never lands in a URL, a server log or a Referer header.
    if request.method == "POST":
        if ratelimit.exceeded(request, "track", conf.track_limit(), 600):
            return ratelimit.too_many(request)
        number = request.POST.get("number", "")[:20]
        case = domain.find_case_for_tracking(number, request.POST.get("code", "")[:40])
        return _track_page(request, case, status=200 if case else 404, searched=True,
                           number=number)
    # Opened from an e-mailed link (see track_link): the case stays open in this session.
    linked = request.session.get(LINKED_CASE)
    case = Case.objects.filter(pk=linked).select_related("agency").first() if linked else None
    return _track_page(request, case, searched=False)


LINKED_CASE = "petitions_tracked_case"


@never_cache
def track_link(request, number, token):
    """The personal link of the receipt e-mail. Like Django's password reset, it moves the
    token into the session and redirects, so the token leaves no Referer behind."""
    if ratelimit.exceeded(request, "track", conf.track_limit(), 600):
        return ratelimit.too_many(request)
    case = domain.find_case_for_link(number, token)
    if case is None:
        return render(request, "petitions/track.html", {"bad_link": True}, status=404)
    request.session[LINKED_CASE] = case.pk
    return redirect("petitions:track")


@never_cache
def resend_link(request):
    """The tracking link again, to the e-mail address on file. The answer is the same
    whether or not the case exists, so nobody learns which numbers and addresses match."""
    if request.method != "POST":
        return render(request, "petitions/resend_link.html", {})
    if ratelimit.exceeded(request, "resend", conf.track_limit(), 600):
        return ratelimit.too_many(request)
    number = request.POST.get("number", "").strip().upper()[:20]
    email = request.POST.get("email", "").strip()[:254]
    case = Case.objects.filter(number=number, anonymised_at__isnull=True).first()
    if case and email and case.email.lower() == email.lower():
        transaction.on_commit(lambda: send_tracking_link.enqueue(case.pk))
    return render(request, "petitions/resend_link.html", {"sent": True})

