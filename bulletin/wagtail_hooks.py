"""The gazette's rules in the admin: a document goes live with its issue, an issue takes its
documents down with it, and whoever can publish the gazette signs in with two-step
verification."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.models import GroupPagePermission
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import extensions, params
from portal.datasets import LiveDataset
from portal.demo_builder import DemoContent
from portal.scheduler import ScheduledJob
from portal.sections import HomeSection

from . import api, data, demo, openapi, page_urls, tasks, urls
from .home import latest_gazette, open_consultation_section
from .models import (
    DocumentType,
    GazetteDocumentPage,
    GazetteIndexPage,
    GazetteIssuePage,
    embargoed_files,
)


@hooks.register("before_publish_page")
def document_waits_for_its_issue(request, page):
    """Publishing a document whose issue is not live keeps what the editor wrote as a draft
    (the edit and create views save the revision before this hook) and says why."""
    if not isinstance(page, GazetteDocumentPage) or page.issue_is_live():
        return None
    issue = page.get_parent()
    messages.error(request, _(
        "“%(document)s” was saved as a draft, not published: a gazette document goes live "
        "with its issue, and issue %(issue)s is not live yet. Publish the issue (or let it "
        "go live at its scheduled time) and its complete documents go live with it.")
        % {"document": page.get_admin_display_title(), "issue": issue.title})
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_unpublish_page")
def issue_takes_its_documents_down(request, page):
    if not isinstance(page, GazetteIssuePage):
        return None
    count = GazetteDocumentPage.objects.child_of(page).live().count()
    if count:
        messages.warning(request, ngettext(
            "Its %(count)d document was unpublished with it; it keeps its draft and goes "
            "live again with the issue.",
            "Its %(count)d documents were unpublished with it; they keep their drafts and "
            "go live again with the issue.", count) % {"count": count})
    return None


@hooks.register("before_serve_document")
def embargoed_files_wait_for_their_issue(document, request):
    # Editors preparing the issue open its files in the admin; nobody else sees them yet.
    if request.user.has_perm("wagtailadmin.access_admin"):
        return None
    if embargoed_files().filter(pk=document.pk).exists():
        raise Http404
    return None


@hooks.register("filter_public_documents")
def without_embargoed_files(queryset):
    return queryset.exclude(pk__in=embargoed_files())


def can_publish_gazette(user):
    """True when one of the user's groups may publish a gazette page: on the gazette index,
    a page above it, or an issue or document under it."""
    granted = GroupPagePermission.objects.filter(
        group__user=user, permission__codename="publish_page").values_list("page__path",
                                                                          flat=True)
    indexes = GazetteIndexPage.objects.values_list("path", flat=True)
    return any(index.startswith(path) or path.startswith(index)
               for path in granted for index in indexes)


# The gazette is legally binding: whoever can publish it signs in with two-step verification.
hooks.register("two_factor_required", can_publish_gazette)


class DocumentTypeViewSet(SnippetViewSet):
    """Gazette document types and their subtypes, under Snippets."""

    model = DocumentType
    icon = "tag"
    list_display = ["name", "name_en", "parent", "sort_order", "takes_comments"]
    list_filter = ["parent"]
    search_fields = ["name", "name_en"]


register_snippet(DocumentTypeViewSet)


# What the gazette adds to the portal (portal/extensions.py).
@hooks.register(extensions.HOME_SECTIONS)
def home_sections():
    return [HomeSection("gazette", "bulletin/home_section.html", latest_gazette, order=20,
                        pages=(GazetteIndexPage,)),
            HomeSection("consultations", "bulletin/home_consultations.html",
                        open_consultation_section, order=21, pages=(GazetteIndexPage,))]


@hooks.register(extensions.SCHEDULED_JOBS)
def scheduled_jobs():
    # Just after midnight, Taipei time, when a comment deadline's day has ended.
    return [ScheduledJob("bulletin.refresh_consultation_pages",
                         tasks.refresh_consultation_pages, {"hour": 0, "minute": 0})]


@hooks.register(extensions.LIVE_DATASETS)
def live_datasets():
    return [LiveDataset("gazette-issues", rows=data.issue_rows, version=data.version,
                        title=gettext_lazy("Gazette issues")),
            LiveDataset("gazette-consultations", rows=data.consultation_rows,
                        version=data.consultation_version,
                        title=gettext_lazy("Draft regulations for comment"))]


@hooks.register(extensions.MACHINE_URLS)
def machine_urls():
    return [path("api/gazette/", include(urls))]


@hooks.register(extensions.PAGE_URLS)
def page_language_urls():
    return [path("", include(page_urls))]


@hooks.register(extensions.DEMO_CONTENT)
def demo_content():
    return [DemoContent("bulletin", demo.build, order=30)]


@hooks.register(extensions.API_ERROR_FORMATS)
def gazette_api_error_format():
    return [params.ErrorFormat(prefixes=("/api/gazette/",), render=api.render_errors)]


@hooks.register(extensions.API_DESCRIPTIONS)
def gazette_api_description():
    return [openapi.description()]
