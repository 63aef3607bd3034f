"""Thin views: intake and tracking."""

import functools

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache

from bulletin import consultations
from bulletin.models import draft_for_comment

from . import conf, domain, intake, ratelimit
from .cases import Case, CaseEvent, Kind
from .forms import CommentForm, ComplaintForm, PetitionForm
from .tasks import send_tracking_link

INTAKE_TEMPLATE = "petitions/intake_page.html"
FORMS = {Kind.PETITION: PetitionForm, Kind.COMPLAINT: ComplaintForm}
# What the confirmation page shows, never in the URL: the case, and the tracking code in
# clear for this browser only, in a signed cookie (HttpOnly, Secure in production, sent
# to the confirmation page alone) that lasts as long as an idle session would. It was held
# in the session: a session row written on every submission and read on its confirmation,
# 5 of the 21 queries.
RECEIVED = "petitions_received"
RECEIVED_SALT = "petitions.views.received"
# What the confirmation shows of the case (petitions/includes/confirmation_details.html,
# a complaint's title is its business's name): read on every submission, of a row with
# some thirty columns.
CONFIRMED_FIELDS = ("number", "received_at", "deadline", "subject", "email",
                    "complaint__business_name")


def _received(request, case, code=None):
    """Post/Redirect/Get: the confirmation is a page of its own, so that reloading it, or
    going back to it, sends nothing again."""
    confirmation = reverse("petitions:received")
    response = redirect(confirmation)
    response.set_signed_cookie(
        RECEIVED, f"{case.pk}:{code or ''}", salt=RECEIVED_SALT, path=confirmation,
        max_age=settings.SESSION_COOKIE_AGE, secure=settings.SESSION_COOKIE_SECURE,
        httponly=True, samesite="Lax")
    return response


def _held(request):
    """(case id, tracking code or None) from this browser's confirmation cookie, or None
    when it has none, a forged one or an expired one."""
    held = request.get_signed_cookie(RECEIVED, None, salt=RECEIVED_SALT,
                                     max_age=settings.SESSION_COOKIE_AGE)
    case_id, _, code = (held or "").partition(":")
    return (int(case_id), code or None) if case_id.isdigit() else None


def _form_page(request, page, form, status=200, **context):
    return render(request, INTAKE_TEMPLATE, {"page": page, "form": form, **context},
                  status=status)


def draft_address(draft):
    """The draft's citation address (/gazette/cite/<發文字號>, /en/… in English), which leads
    to its page in the reader's language without a query to find that page."""
    return reverse("gazette-cite", args=[draft.document_number])


def _draft_form_page(request, page, form, status=200, *, draft, **context):
    """The form of a comment on `draft`, which it names and links."""
    return _form_page(request, page, form, status, draft=draft, draft_url=draft_address(draft),
                      **context)


def intake_form(page, data):
    """(kind, form class, draft) for what this intake page is asked: the petition form
    with `draft=<id>` (from the draft's "Comment" button, then its hidden field) takes a
    comment on that draft regulation; a number naming no public draft is a 404."""
    draft_id = data.get("draft")
    if page.kind != Kind.PETITION or draft_id is None:
        return page.kind, FORMS[page.kind], None
    draft = draft_for_comment(draft_id)
    if draft is None:
        raise Http404
    return Kind.COMMENT, functools.partial(CommentForm, draft=draft), draft


def serve_intake(page, request):
    kind, form_class, draft = intake_form(
        page, request.POST if request.method == "POST" else request.GET)
    show = (functools.partial(_draft_form_page, draft=draft) if draft is not None
            else _form_page)
    if request.method != "POST":
        if draft is not None and not consultations.is_open(draft.comment_deadline):
            # Closed: the page says so, with no form to fill in for nothing.
            return show(request, page, None, 410, closed=True)
        return show(request, page, form_class())
    form = form_class(request.POST, request.FILES)
    # Forms refused for what they say cost the sender nothing: only valid ones are counted.
    if not form.is_valid():
        replayed = intake.submitted_case(form.cleaned_data.get("submission"))
        if replayed:  # sent again after it went through: the first case's confirmation
            return _received(request, replayed)
        if form.expired:
            return show(request, page, form.renewed(), 400, expired=True,
                        files_dropped=bool(request.FILES))
        return show(request, page, form, 400)
    if form.is_bot:
        # Answer as if refused for being too quick, without saying why; nothing is saved.
        return show(request, page, form, 400, too_fast=True)
    submission_key = form.cleaned_data["submission"] or None
    # A replay (a double click, the back button) is rare: rather than every submission
    # looking for one first, the form's unique token finds it in intake.submit, and it is
    # neither refused nor counted against the rate limits.
    email, phone = form.cleaned_data["email"], form.cleaned_data["phone"]
    retry_at = ratelimit.submission_refused(request, email, phone)
    if retry_at and intake.submitted_case(submission_key) is None:
        response = show(request, page, form, 429, retry_at=retry_at,
                        files_dropped=bool(request.FILES))
        response["Retry-After"] = str(ratelimit.retry_after_seconds(retry_at))
        return response
    fields = form.case_fields()
    fields["language"] = translation.get_language()
    try:
        case, code = intake.submit(kind, fields, channel="web",
                                   attachments=form.cleaned_data["attachments"],
                                   submission_key=submission_key)
    except intake.AlreadySubmitted as replay:
        ratelimit.submission_withdrawn(request, email, phone)
        return _received(request, replay.case)
    return _received(request, case, code)


def _confirmed_case(case_id):
    try:  # by its key: no ordering to compile or sort by
        return Case.objects.select_related("complaint").only(*CONFIRMED_FIELDS).get(pk=case_id)
    except Case.DoesNotExist:
        return None


@never_cache  # the code is shown to this browser only: no cache may keep the page
def received(request):
    """The confirmation of the case this browser has just sent."""
    case_id, code = _held(request) or (None, None)
    case = _confirmed_case(case_id) if case_id else None
    if case is None:  # nothing sent from this browser (or long ago): nothing to show
        return redirect("petitions:track")
    return render(request, "petitions/confirmation.html", {"case": case, "tracking_code": code})


def _track_page(request, case, status=200, **context):
    if case:
        context["events"] = case.events.filter(
            type__in=CaseEvent.PUBLIC_TYPES).select_related("agency")
    return render(request, "petitions/track.html", {"case": case, **context}, status=status)


@never_cache
def track(request):
    # POST, so the code never lands in a URL, a server log or a Referer header.
    if request.method == "POST":
        retry_at = ratelimit.exceeded(request, "track", conf.track_limit(), 600)
        if retry_at:
            return ratelimit.too_many(request, retry_at)
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
    retry_at = ratelimit.exceeded(request, "track", conf.track_limit(), 600)
    if retry_at:
        return ratelimit.too_many(request, retry_at)
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
    retry_at = ratelimit.exceeded(request, "resend", conf.track_limit(), 600)
    if retry_at:
        return ratelimit.too_many(request, retry_at)
    number = request.POST.get("number", "").strip().upper()[:20]
    email = request.POST.get("email", "").strip()[:254]
    case = Case.objects.filter(number=number, anonymised_at__isnull=True).first()
    if case and email and case.email.lower() == email.lower():
        transaction.on_commit(lambda: send_tracking_link.enqueue(case.pk))
    return render(request, "petitions/resend_link.html", {"sent": True})

