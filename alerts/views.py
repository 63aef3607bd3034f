"""The public side: subscribe (double opt-in), confirm, manage and unsubscribe. The pages
that follow a signed link show one person's subscriptions, so none is ever kept by a cache."""

from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from bulletin.models import GazetteIndexPage
from portal.pages import one_live_page
from portal.params import ParamErrors

from . import conf, queries, ratelimit, subscribing, tokens
from .forms import SubscribeForm
from .models import Subscription
from .tasks import send_confirmation


def _gazette_url(query=""):
    """The gazette search in the reader's language, with the search when given."""
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    index = one_live_page(GazetteIndexPage, locale.pk) if locale else None
    if index is None:
        return ""
    return index.url + (f"?{query}" if query else "")


def _context(form, conditions):
    return {"form": form, "search": queries.describe(conditions, queries.type_names()),
            "retention_days": conf.retention_days(),
            "hours": conf.confirm_max_age() // 3600,
            "gazette_url": _gazette_url(form["query"].value() or "")}


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        try:
            conditions = queries.parse(request.GET.urlencode())
        except ParamErrors as error:
            return render(request, "alerts/subscribe.html", {
                "query_errors": error.by_parameter(), "gazette_url": _gazette_url()},
                status=400)
        form = SubscribeForm(initial={"query": queries.normalise(conditions)})
        return render(request, "alerts/subscribe.html", _context(form, conditions))
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        conditions = getattr(form, "conditions", None)
        if conditions is None:
            return render(request, "alerts/subscribe.html", {
                "query_errors": {"": "; ".join(form.errors.get("query", []))},
                "gazette_url": _gazette_url()}, status=400)
        return render(request, "alerts/subscribe.html", _context(form, conditions), status=400)
    email, query = form.cleaned_data["email"], form.cleaned_data["query"]
    retry_at = ratelimit.confirmation_refused(request, subscribing.address_key(email))
    if retry_at:
        return ratelimit.too_many(request, retry_at, _context(form, form.conditions))
    subscription = subscribing.request(email, query, translation.get_language())
    transaction.on_commit(lambda: send_confirmation.enqueue(subscription.pk))
    return redirect("alerts:sent")


def sent(request):
    return render(request, "alerts/sent.html", {"hours": conf.confirm_max_age() // 3600})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A GET only shows the search and a button, because mail scanners and link previews
    open links and must not subscribe anyone; the button's POST confirms."""
    try:
        subscription = (subscribing.confirm(token) if request.method == "POST"
                        else subscribing.to_confirm(token))
    except tokens.ExpiredLink as expired:
        again = Subscription.objects.filter(pk=expired.subscription_id).first()
        query = again.query if again else ""
        return render(request, "alerts/link_problem.html", {
            "expired": True, "hours": conf.confirm_max_age() // 3600,
            "subscribe_url": reverse("alerts:subscribe") + (f"?{query}" if query else "")},
            status=410)
    except tokens.BadLink:
        return render(request, "alerts/link_problem.html", {}, status=404)
    search = queries.describe(queries.parse(subscription.query), queries.type_names())
    if not subscription.active:
        return render(request, "alerts/confirm.html", {"search": search})
    return render(request, "alerts/confirmed.html", {
        "search": search,
        "manage_url": reverse("alerts:manage",
                              args=[tokens.manage_token(subscription.address_key)])})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    try:
        key = tokens.read_manage_token(token)
    except tokens.BadLink:
        return render(request, "alerts/link_problem.html", {}, status=404)
    subscriptions = subscribing.of_address(key)
    if request.method == "POST":
        chosen = subscriptions if "all" in request.POST else subscriptions.filter(
            pk__in=[value for value in request.POST.getlist("subscription")
                    if value.isascii() and value.isdigit()][:100])
        subscribing.unsubscribe(chosen)
        return redirect(reverse("alerts:manage", args=[token]) + "?done=1")
    names = queries.type_names()
    rows = [{"subscription": subscription, "gazette_url": _gazette_url(subscription.query),
             "search": queries.describe(queries.parse(subscription.query), names)}
            for subscription in subscriptions]
    return render(request, "alerts/manage.html", {
        "rows": rows, "email": rows[0]["subscription"].email if rows else "",
        "any_active": any(row["subscription"].unsubscribed_at is None for row in rows),
        "done": request.GET.get("done") == "1"})


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The List-Unsubscribe address. A POST (a mail program's one-click button, RFC 8058,
    without session or CSRF token; or the button of this page) unsubscribes; a GET only
    asks, as link checkers and previews follow links."""
    try:
        subscription = subscribing.from_unsubscribe_token(token)
    except tokens.BadLink:
        return render(request, "alerts/link_problem.html", {}, status=404)
    with translation.override(subscription.language):
        if request.method == "POST":
            subscribing.unsubscribe(Subscription.objects.filter(pk=subscription.pk))
            subscription.refresh_from_db()
        return render(request, "alerts/unsubscribe.html", {
            "subscription": subscription,
            "search": queries.describe(queries.parse(subscription.query),
                                       queries.type_names()),
            "manage_url": reverse("alerts:manage",
                                  args=[tokens.manage_token(subscription.address_key)])})

