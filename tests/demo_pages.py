"""The pages of the demo site that the browser checks read: one live page of every portal
page type in each language, then the views that are not pages. A new page type is picked up
as soon as the demo has a live page of it."""

from django.conf import settings
from wagtail.models import get_page_models

from alerts import tokens
from alerts.models import Subscription
from bulletin.consultations import today
from bulletin.models import GazetteIndexPage, drafts_for_comment, open_consultations
from petitions.models import ComplaintFormPage, PetitionFormPage

LANGUAGES = ("zh-hant", "en")
# Views that are not pages, in both languages; the 404 page stands for the error pages.
VIEWS = ["/cases/track/", "/en/cases/track/", "/no-such-page/", "/en/no-such-page/",
         "/search/?q=%E6%B6%88%E8%B2%BB%E8%80%85", "/en/search/?q=sister+city",
         "/search/?q=%E9%87%9C%E5%B1%B1&date_from=2024-13-01", "/en/search/?q=zzzzqqq",
         "/alerts/subscribe/",
         "/en/alerts/subscribe/?conditions%5Btype%5D%5B%5D=%E5%85%AC%E5%91%8A",
         "/alerts/subscribe/sent/", "/en/alerts/subscribe/sent/"]


def portal_page_models():
    return sorted((model for model in get_page_models()
                   if model._meta.app_label in settings.PORTAL_APPS),
                  key=lambda model: model.__name__)


def first_live(model, language):
    return model.objects.live().filter(locale__language_code=language).order_by("path").first()


def signed_views():
    """The pages a gazette alert's e-mails link to, for the demo's first subscription in
    each language: confirm, manage and unsubscribe (which only asks, on a GET)."""
    urls = []
    for language in LANGUAGES:
        subscription = Subscription.objects.filter(language=language).order_by("pk").first()
        assert subscription is not None, f"the demo has no gazette alert ({language})"
        urls += [tokens.confirm_url(subscription), tokens.unsubscribe_url(subscription),
                 tokens.manage_url(subscription.address_key, language)]
    return [url.removeprefix(settings.WAGTAILADMIN_BASE_URL.rstrip("/")) for url in urls]


def demo_urls():
    """One live page of every page type in each language, then the other views. Gazette
    issues and documents exist in Chinese only; English readers read them through the
    English gazette index."""

    urls, missing = [], []
    english_gazette = first_live(GazetteIndexPage, "en")
    for model in portal_page_models():
        for language in LANGUAGES:
            page = first_live(model, language)
            if page is None and language == "en" and english_gazette is not None:
                source = first_live(model, settings.LANGUAGE_CODE)
                if source is not None:
                    urls.append(english_gazette.reading_url(source.specific))
                    continue
            if page is None:
                missing.append(f"{model.__name__} ({language})")
            else:
                urls.append(page.url)
    assert not missing, f"the demo has no live page of: {', '.join(missing)}"
    return urls + VIEWS + signed_views() + [url for _kind, url in consultation_urls()]


def comment_forms():
    """The petition form in each language about the demo's first open draft for comment."""
    draft = open_consultations().first()
    assert draft is not None, "the demo has no draft open for comment"
    return [f"{first_live(PetitionFormPage, language).url}?draft={draft.pk}"
            for language in LANGUAGES]


def consultation_urls():
    """(what, address) of the pages of drafts for comment (issue 20) in each language: the
    open consultations, an open and a closed draft's page, the comment form."""
    english_gazette = first_live(GazetteIndexPage, "en").specific
    open_draft = open_consultations().first()
    closed_draft = drafts_for_comment().filter(comment_deadline__lt=today()).first()
    assert open_draft is not None and closed_draft is not None, "the demo lacks a draft"
    return [("consultations", f"{first_live(GazetteIndexPage, language).url}consultations/")
            for language in LANGUAGES] + [
        ("GazetteDocumentPage", address)
        for draft in (open_draft, closed_draft)
        for address in (draft.url, english_gazette.reading_url(draft))] + [
        ("PetitionFormPage", url) for url in comment_forms()]


def submit_empty_intake_forms(page, base):
    """Each intake form posted empty (the browser's own required-field check switched off,
    as an old browser or a script would): the server's error page, as the citizen sees it."""

    urls = [form_page.url for model in (PetitionFormPage, ComplaintFormPage)
            for form_page in model.objects.live()]
    for url in [*urls, *comment_forms()]:
        page.goto(base + url)
        page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        yield url
