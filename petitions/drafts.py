"""The "Comment on this draft" button of a draft regulation (法規預告) in the gazette: the
petition form in the reader's language, about that draft (views.intake_form takes it from
there). The gazette links here by URL name, so it need not know where the form is placed."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect
from wagtail.models import Locale

from portal.pages import one_live_page

from .models import PetitionFormPage


def comment_on_draft(request, draft_id):
    form_page = one_live_page(PetitionFormPage, Locale.get_active())
    if form_page is None:
        raise Http404
    return redirect(f"{form_page.get_url(request)}?{urlencode({'draft': draft_id})}")
