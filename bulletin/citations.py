"""Citations: a gazette issue (113年夏字第5期, 113-夏-5) or a document's 發文字號 as
people write them, resolved to the issue or document. /gazette/cite/<citation> (in every
language) redirects there; /api/gazette/cite/<citation> answers the same lookup in JSON."""

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_safe
from wagtail.models import Locale, Page

from portal import params
from portal.i18n import default_language
from portal.pages import one_live_page, open_to_all

from . import api, numbering
from .conditions import NEWEST
from .models import GazetteIndexPage, GazetteIssuePage, default_language_documents
from .serializers import document_data, issue_data, page_extras

# Longer than any issue label or 發文字號 (at most 80 characters): nothing to look up.
MAX_LENGTH = 200
# Documents offered when several share a 發文字號; the gazette search lists them all.
MAX_CHOICES = 50

ISSUE_LABEL = re.compile(
    r"(?:高雄市政府公報)?(?:民國)?([0-9]{1,3})年([春夏秋冬])字?第([0-9]{1,4})期")


def normalise(text):
    """The citation as it is looked up: full-width digits, letters and punctuation folded
    (NFKC: １１３－夏－５ is 113-夏-5) and whitespace removed, which neither an issue label
    nor a 發文字號 contains but a copy from a PDF or a line break often adds."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def parse_issue(text):
    """(ROC year, volume, number) from a normalised 113年夏字第5期 or 113-夏-5, or None."""
    match = ISSUE_LABEL.fullmatch(text)
    if match:
        return int(match[1]), match[2], int(match[3])
    return numbering.parse_issue_key(text)


@dataclass
class Resolution:
    citation: str
    issue: GazetteIssuePage | None = None
    documents: list = field(default_factory=list)

    @property
    def found(self):
        return self.issue is not None or bool(self.documents)

    @property
    def page(self):
        """The one page the citation names, or None (not found, or several documents)."""
        if self.issue is not None:
            return self.issue
        return self.documents[0] if len(self.documents) == 1 else None


def resolve(citation):
    """The published issue or documents (in the default language) a citation names."""
    text = normalise(citation)
    resolution = Resolution(text)
    if not text or len(text) > MAX_LENGTH or params.has_nul(text):
        return resolution
    issue = parse_issue(text)
    if issue is not None:
        year, volume, number = issue
        resolution.issue = GazetteIssuePage.objects.live().public().filter(
            locale__language_code=default_language(), roc_year=year, volume=volume,
            number=number).first()
        return resolution
    # As typed (trimmed) too: a number stored with full-width characters still matches.
    numbers = {text, (citation or "").strip()}
    resolution.documents = list(
        default_language_documents().filter(document_number__in=numbers)
        .select_related("document_type__parent", "agency", "issue")
        .order_by(*NEWEST)[:MAX_CHOICES])
    return resolution


def urls_in(pages, language, request=None):
    """{page id: where a reader of `language` reads each gazette issue or document}: its
    live translation in that language, else the page read through that language's gazette
    index (/en/gazette/d/<id>/), else the page itself. Three queries for any number."""
    locale = Locale.objects.filter(language_code=language).first()
    own = {page.pk: page.get_url(request) for page in pages}
    if locale is None:
        return own
    others = [page for page in pages if page.locale_id != locale.pk]
    translations = {
        translation.translation_key: translation.get_url(request)
        for translation in open_to_all(Page.objects.live().filter(
            locale=locale, translation_key__in=[page.translation_key for page in others]))
    } if others else {}
    index = one_live_page(GazetteIndexPage, locale) if others else None
    for page in others:
        if page.translation_key in translations:
            own[page.pk] = translations[page.translation_key]
        elif index is not None:
            own[page.pk] = index.reading_url(page)
    return own


def search_url(resolution, language):
    """The gazette search for the citation, on the index of `language` (or None): the
    documents sharing a 發文字號, or anything mentioning a citation not found."""
    index = (one_live_page(GazetteIndexPage, Locale.objects.filter(language_code=language)
                           .first())
             or one_live_page(GazetteIndexPage, Locale.get_default()))
    if index is None:
        return None
    condition = ("conditions[document_number]" if len(resolution.documents) > 1
                 else "conditions[term]")
    return f"{index.url}?{urlencode({condition: resolution.citation})}"


@require_safe
def cite(request, citation):
    """/gazette/cite/<citation>: a redirect to the issue or document in the reader's
    language, a choice among documents sharing a 發文字號, or a 404 that offers a search."""
    resolution = resolve(citation.strip("/"))
    language = get_language()
    page = resolution.page
    if page is not None:
        return HttpResponseRedirect(urls_in([page], language, request)[page.pk])
    context = {"citation": resolution.citation or citation,
               "search_url": search_url(resolution, language)}
    if not resolution.found:
        return TemplateResponse(request, "bulletin/cite_not_found.html", context, status=404)
    urls = urls_in(resolution.documents, language, request)
    context["documents"] = [(document, urls[document.pk]) for document in resolution.documents]
    # 300 Multiple Choices: the citation names each of these, and the reader picks one.
    return TemplateResponse(request, "bulletin/cite_choice.html", context, status=300)


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _html_urls(page, request):
    """{language: absolute address} of a gazette page, for every language of the site."""
    return {language: request.build_absolute_uri(urls_in([page], language, request)[page.pk])
            for language, _name in settings.LANGUAGES}


@csrf_exempt
@require_GET
@api.in_client_language
def cite_json(request, citation):
    """/api/gazette/cite/<citation>: what the citation names, as JSON."""
    resolution = resolve(citation.strip("/"))
    base = request.build_absolute_uri("/").rstrip("/")
    answer = {"citation": resolution.citation}
    if resolution.issue is not None:
        issue = resolution.issue
        return _json({**answer, "kind": "issue", "issue": {
            **issue_data(issue), "key": issue.key, "title": issue.title,
            "json_url": request.build_absolute_uri(
                reverse("gazette-issue-json", kwargs={"key": issue.key})),
            "html_urls": _html_urls(issue, request)}})
    if not resolution.documents:
        return api.render_errors(request, [params.ParamError(
            "citation", "not_found",
            _("no published issue or document has this citation"))], status=404)
    corrections, attachments = page_extras(resolution.documents)
    documents = [document_data(document, request, corrections.get(document.pk, ()),
                               attachments.get(document.pk, ()))
                 for document in resolution.documents]
    if len(documents) > 1:
        query = urlencode({"conditions[document_number]": resolution.citation})
        return _json({**answer, "kind": "documents", "documents": documents,
                      "search_url": f"{base}/api/gazette/documents.json?{query}"}, status=300)
    document = resolution.documents[0]
    return _json({**answer, "kind": "document",
                  "document": {**documents[0], "html_urls": _html_urls(document, request)}})
