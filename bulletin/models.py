import logging
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal import agencies, params
from portal.i18n import all_locales, default_language
from portal.models import Agency
from portal.navigation import routed_ancestors
from portal.pages import OneChildTypeRouting, open_to_all
from portal.pagination import page_of

from . import conditions as search
from . import consultations, numbering
from .toc import table_of_contents

logger = logging.getLogger(__name__)

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link",
                      "hr"]


class DocumentType(models.Model):
    """A gazette document type. Top-level types (法規, 公告…) may have subtypes (自治條例…);
    a document is filed under a subtype, or under a top-level type that has none."""

    name = models.CharField(_("name (Chinese)"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    parent = models.ForeignKey("self", verbose_name=_("parent type"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="subtypes")
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    # 法規預告: a draft published for comment. Its documents carry a comment deadline
    # (表示意見截止日期), and only theirs (GazetteDocumentPage.clean).
    takes_comments = models.BooleanField(
        _("draft for comment"), default=False,
        help_text=_("Documents of this type are drafts published for comment: each needs a "
                    "comment deadline, and readers may comment until it."))

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
              FieldRowPanel([FieldPanel("parent"), FieldPanel("sort_order")]),
              FieldPanel("takes_comments")]

    class Meta:
        verbose_name = _("gazette document type")
        verbose_name_plural = _("gazette document types")
        ordering = ["sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"],
                                               name="unique_document_type_name")]

    def __str__(self):
        return f"{self.parent.name}／{self.name}" if self.parent_id else self.name

    @property
    def display_name(self):
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def top(self):
        return self.parent if self.parent_id else self

    @property
    def subtype_name(self):
        return self.name if self.parent_id else None


class GazetteIndexPage(RoutablePageMixin, OneChildTypeRouting, Page):
    """/gazette/: browse by year, type and agency; search; permanent document addresses
    (/gazette/d/<id>/) and the Atom feed (/gazette/feed.atom)."""

    # Kept by the page cache, and purged from the front-end cache with this page
    # (portal.caching, portal.invalidation).
    purge_feed_url_names = ("gazette-feed", "gazette-consultations-feed",
                            "gazette-consultations-calendar")

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["bulletin.GazetteIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("gazette index page")

    @path("")
    def browse(self, request):
        context = self.get_context(request)
        context.update(gazette_search(request, self))
        return self.render(request, context_overrides=context)

    @path("d/<int:document_id>/")
    def permalink(self, request, document_id):
        # The permanent address never changes; the readable one follows the slug.
        # id, not pk: pk is the link to Page, whose lookups lack Django's check for a number
        # past the database's integers (an OverflowError, a 500, instead of nothing found).
        document = get_object_or_404(public_documents().select_related(
            "issue", "document_type__parent", "agency"), id=document_id)
        if document.locale_id == self.locale_id:
            return redirect(document.url, permanent=False)
        return self.serve_in_language(request, document)

    @path("consultations/")
    def consultations(self, request):
        """The drafts open for comment now, the soonest to close first (three queries)."""
        today = consultations.today()
        drafts = list(open_consultations(today).annotate(comment_total=Count("comment_cases")))
        for draft in drafts:
            draft.days_left = consultations.days_left(draft.comment_deadline, today)
        context = self.get_context(request)
        context["drafts"] = drafts
        return self.render(request, context_overrides=context,
                           template="bulletin/consultations_page.html")

    @path("i/<str:issue_key>/")
    def issue_in_language(self, request, issue_key):
        numbered = numbering.parse_issue_key(issue_key)
        if numbered is None:
            raise Http404
        year, volume, number = numbered
        issue = get_object_or_404(open_to_all(GazetteIssuePage.objects.live()).filter(
            locale__language_code=default_language()),
            roc_year=year, volume=volume, number=number)
        if issue.locale_id == self.locale_id:
            return redirect(issue.url, permanent=False)
        return self.serve_in_language(request, issue)

    def reading_url(self, page):
        """The address of a gazette issue or document of another language under this index."""
        if isinstance(page, GazetteDocumentPage):
            return f"{self.url}d/{page.pk}/"
        return f"{self.url}i/{page.key}/"

    def serve_in_language(self, request, page):
        """A Chinese issue or document read through this (translated) index: the page's own
        template, with this index's language, breadcrumbs and links around it."""
        context = page.get_context(request)
        # The ancestors as the router read them, the page's language from the request's
        # locales: neither read again.
        ancestors = routed_ancestors(self)
        if ancestors is None:
            ancestors = self.get_ancestors()[1:]
        language = next(locale.language_code for locale in all_locales()
                        if locale.pk == page.locale_id)
        context.update(
            gazette_index=self,
            breadcrumb_ancestors=[*ancestors, self],
            language_urls={language: page.url},
            content_language=language,
        )
        return TemplateResponse(request, page.get_template(request), context)



def reading_addresses(language_code, pages):
    """{pk: address} of gazette issues or documents read through the gazette index of the
    language (empty when it has none)."""
    index = GazetteIndexPage.objects.live().filter(
        locale__language_code=language_code).first()
    if index is None:
        return {}
    return {page.pk: index.reading_url(page) for page in pages}


def reading_urls(page):
    """The language switcher's targets for a gazette issue or document: the gazette is
    published in Chinese only, so readers of another language read it through their own
    gazette index, unless the page has a live translation of its own."""
    translated = page.get_translations().live().values("locale_id")
    # The other languages named, not "not this one": PostgreSQL finds their few pages by
    # the locale index, where it scanned every page for the index pages of the other
    # languages (138 ms at 100,000 documents).
    others = [locale.pk for locale in all_locales() if locale.pk != page.locale_id]
    indexes = (GazetteIndexPage.objects.live().filter(locale_id__in=others)
               .exclude(locale_id__in=translated).select_related("locale"))
    return {index.locale.language_code: index.reading_url(page) for index in indexes}


class GazetteIssuePage(OneChildTypeRouting, Page):
    """One issue of the gazette; its documents are its child pages."""

    roc_year = models.PositiveSmallIntegerField(_("ROC year"))
    volume = models.CharField(_("volume"), max_length=1,
                              choices=[(v, v) for v in numbering.VOLUMES])
    number = models.PositiveSmallIntegerField(_("number"))
    publication_date = models.DateField(_("publication date"))
    pdf = models.ForeignKey("wagtaildocs.Document", verbose_name=_("official PDF of the issue"),
                            null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    content_panels = [
        MultiFieldPanel([FieldRowPanel([FieldPanel("roc_year"), FieldPanel("volume"),
                                        FieldPanel("number")]),
                         FieldPanel("publication_date")], heading=_("Numbering")),
        FieldPanel("pdf"),
    ]
    promote_panels = []
    search_fields = [*Page.search_fields, index.FilterField("publication_date")]
    api_fields = [APIField("roc_year"), APIField("volume"), APIField("number"),
                  APIField("publication_date"), APIField("pdf")]
    parent_page_types = ["bulletin.GazetteIndexPage"]
    subpage_types = ["bulletin.GazetteDocumentPage"]

    # Published in Chinese only: the site search of another language lists it too, at its
    # address under that language's gazette index (search.results).
    read_in_every_language = True

    @classmethod
    def reading_urls(cls, language_code, pages):
        return reading_addresses(language_code, pages)

    class Meta:
        verbose_name = _("gazette issue")
        ordering = ["-publication_date"]
        # The newest issue (home page, gazette index, feeds) is read from this index;
        # without it PostgreSQL joined every page to find it (0.25 s at 100,000 documents).
        indexes = [models.Index(fields=["publication_date", "number"],
                                name="bulletin_issue_newest")]

    @property
    def label(self):
        if get_language() == "en":
            return numbering.issue_label_en(self.roc_year, self.volume, self.number)
        return numbering.issue_label(self.roc_year, self.volume, self.number)

    @property
    def key(self):
        return numbering.issue_key(self.roc_year, self.volume, self.number)

    @property
    def display_title(self):
        return self.label if get_language() == "en" else self.title

    def full_clean(self, *args, **kwargs):
        # The title and slug follow from the numbering, so editors cannot get them wrong.
        if self.roc_year and self.volume and self.number:
            self.title = self.title or numbering.issue_label(self.roc_year, self.volume,
                                                             self.number)
            self.slug = self.slug or self.key
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.publication_date and self.roc_year and self.volume:
            problem = numbering.check_issue_date(self.roc_year, self.volume,
                                                 self.publication_date)
            if problem:
                errors["publication_date"] = problem
        if self.roc_year and self.volume and self.number and GazetteIssuePage.objects.filter(
                locale_id=self.locale_id, roc_year=self.roc_year, volume=self.volume,
                number=self.number).exclude(pk=self.pk).exists():
            errors["number"] = _("Issue %(label)s already exists.") % {
                "label": numbering.issue_label(self.roc_year, self.volume, self.number)}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Documents carry their issue's date, so that lists sort by it with an index.
        GazetteDocumentPage.objects.filter(issue=self).exclude(
            publication_date=self.publication_date).update(
                publication_date=self.publication_date)

    def route(self, request, path_components):
        # Nothing beneath an issue that is not live is served: its documents wait for it.
        if path_components and not self.live:
            raise Http404
        return super().route(request, path_components)

    @transaction.atomic
    def publish(self, revision, *args, **kwargs):
        # The issue and its documents (bulletin.signals) go live together or not at all:
        # a scheduled run or a reviewer's approval never leaves half an issue public.
        return super().publish(revision, *args, **kwargs)

    @transaction.atomic
    def unpublish(self, *args, **kwargs):
        return super().unpublish(*args, **kwargs)

    def documents(self):
        return (public_documents().child_of(self)
                .select_related("document_type__parent", "agency").order_by("path"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = table_of_contents(self.documents())
        context["language_urls"] = reading_urls(self)
        return context


class GazetteDocumentTag(TaggedItemBase):
    """A keyword of a gazette document (taggit, as open data's datasets have them)."""

    content_object = ParentalKey("bulletin.GazetteDocumentPage", related_name="tagged_items",
                                 on_delete=models.CASCADE)

    class Meta:
        # Keywords read in the order they were given (taggit's tags have none of their own).
        ordering = ["id"]


def keyword_tags(words, known=None):
    """The tags named `words`, in order and once each, created when new; `known` (name →
    tag) saves a query per word for a caller that tags many documents."""
    known = {} if known is None else known
    tags = []
    for word in dict.fromkeys(str(word).strip() for word in words):
        if not word:
            continue
        if word not in known:
            known[word] = Tag.objects.filter(name=word).first() or Tag.objects.create(name=word)
        tags.append(known[word])
    return tags


class GazetteDocumentPage(Page):
    """One document of an issue. /gazette/d/<id>/ is its permanent address."""

    issue = models.ForeignKey(GazetteIssuePage, verbose_name=_("issue"), null=True,
                              blank=True, editable=False, on_delete=models.SET_NULL,
                              related_name="+")
    document_type = models.ForeignKey(DocumentType, verbose_name=_("document type"),
                                      on_delete=models.PROTECT, related_name="+")
    document_number = models.CharField(_("document number (發文字號)"), max_length=80)
    agency = models.ForeignKey("portal.Agency", verbose_name=_("issuing agency"),
                               on_delete=models.PROTECT, related_name="+")
    signing_date = models.DateField(_("signing date"))
    # A copy of the issue's date (kept by both saves): newest-first lists of a large
    # back catalogue sort on an index instead of a join.
    publication_date = models.DateField(_("publication date"), null=True, editable=False)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES)
    keywords = ClusterTaggableManager(through=GazetteDocumentTag, blank=True,
                                      verbose_name=_("keywords"))
    correction_of = models.ForeignKey("self", verbose_name=_("corrects"), null=True,
                                      blank=True, on_delete=models.SET_NULL,
                                      related_name="corrections")
    # 表示意見截止日期: comments are taken until the end of this day, Taipei time.
    comment_deadline = models.DateField(
        _("comment deadline (表示意見截止日期)"), null=True, blank=True,
        help_text=_("Required for a draft regulation for comment (法規預告), and only for it: "
                    "readers may comment until the end of this day."))

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldRowPanel([FieldPanel("document_type"), FieldPanel("document_number")]),
        FieldPanel("agency"),
        FieldRowPanel([FieldPanel("signing_date"), FieldPanel("effective_date")]),
        FieldPanel("comment_deadline"),
        FieldPanel("body"),
        FieldPanel("keywords"),
        InlinePanel("attachments", label=_("Attachments")),
        FieldPanel("correction_of"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("title_en"),
        # English readers' suggestions (the site search's autocomplete).
        index.AutocompleteField("title_en"),
        index.SearchField("document_number"),
        index.SearchField("body"),
        index.SearchField("keyword_text"),
        index.FilterField("document_type_id"),
        index.FilterField("agency_id"),
        index.FilterField("issue_id"),
        index.FilterField("signing_date"),
    ]
    api_fields = [APIField("title_en"), APIField("document_number"),
                  APIField("document_type"), APIField("agency"), APIField("signing_date"),
                  APIField("effective_date"), APIField("comment_deadline"), APIField("body"),
                  # The keywords as one text, as the field was before it held tags.
                  APIField("keywords", serializer=serializers.CharField(source="keyword_text")),
                  APIField("correction_of"), APIField("attachments")]
    # A translation keeps the agency's canonical row (portal/agencies.py).
    override_translatable_fields = [SynchronizedField("agency")]
    parent_page_types = ["bulletin.GazetteIssuePage"]
    subpage_types = []

    # Published in Chinese only: the site search of another language lists it too, at its
    # address under that language's gazette index (search.results).
    read_in_every_language = True

    @classmethod
    def reading_urls(cls, language_code, pages):
        return reading_addresses(language_code, pages)

    class Meta:
        verbose_name = _("gazette document")
        indexes = [models.Index(fields=["document_number"]),
                   models.Index(fields=["publication_date", "signing_date"],
                                name="gazette_document_dates"),
                   # The few drafts for comment among all documents: the home page's
                   # section of those closing soonest read every document without it
                   # (32 ms at 100,000 on PostgreSQL).
                   models.Index(fields=["comment_deadline"], name="gazette_comment_deadlines",
                                condition=models.Q(comment_deadline__isnull=False))]

    def save(self, *args, **kwargs):
        if self.issue_id is None and self.depth:
            self.issue = GazetteIssuePage.objects.filter(
                path=self.path[:-Page.steplen]).first()
        self.publication_date = self.issue.publication_date if self.issue_id else None
        if self._state.adding and self.live and not self.issue_is_live():
            # Pages are created live (Wagtail's create view, add_child): under an issue
            # that is not live, a new document starts as a draft that waits for it.
            self.live = False
            self.has_unpublished_changes = True
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        problem = consultations.deadline_problem(self.document_type_id and self.document_type,
                                                 self.comment_deadline, self.signing_date)
        if problem:
            raise ValidationError({"comment_deadline": problem})

    @classmethod
    def get_indexed_objects(cls):
        # keyword_text() is indexed: the tags come in one query for the whole batch.
        return super().get_indexed_objects().prefetch_related("tagged_items__tag")

    def issue_is_live(self):
        return GazetteIssuePage.objects.live().filter(path=self.path[:-Page.steplen]).exists()

    def publish(self, revision, *args, **kwargs):
        """A document goes live with its issue, never before it. Until then a publication
        (a scheduled time, a reviewer's approval) leaves the revision waiting: the issue's
        own publication takes the document's latest revision live (bulletin.signals)."""
        if not self.issue_is_live():
            logger.info("Gazette document %s waits for its issue to go live", self.pk)
            return None
        return super().publish(revision, *args, **kwargs)

    @property
    def keyword_list(self):
        """The keywords' names in order (one query, or none with
        prefetch_related("tagged_items__tag"))."""
        return [item.tag.name for item in self.tagged_items.all()]

    def keyword_text(self):
        return "、".join(self.keyword_list)

    def set_keywords(self, words, known=None):
        """Replace the keywords, kept in the order given (taggit's own set() keeps none);
        saved with the page."""
        self.tagged_items = [GazetteDocumentTag(tag=tag) for tag in keyword_tags(words, known)]

    @property
    def display_title(self):
        if get_language() == "en" and self.title_en:
            return self.title_en
        return self.title

    @property
    def takes_comments(self):
        return self.document_type.takes_comments and self.comment_deadline is not None

    @cached_property
    def permalink(self):
        index_page = GazetteIndexPage.objects.filter(
            locale_id=self.locale_id).only("url_path").first()
        if index_page is None:
            return self.url
        return index_page.url + f"d/{self.pk}/"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            # The issue, the type and its parent, the agency and the keywords the page
            # shows: two queries, where reading each on first use took one each (a tag
            # one each). A preview shows what the editor typed, so it keeps its own.
            # The count of comments on a draft comes in the same query.
            related = self if all(
                self._meta.get_field(name).is_cached(self)
                for name in ("issue", "document_type", "agency")) else (
                GazetteDocumentPage.objects.filter(pk=self.pk)
                .select_related("issue", "document_type__parent", "agency")
                .annotate(comment_total=Count("comment_cases")).first())
            if related is not None and related is not self:
                self.issue, self.document_type = related.issue, related.document_type
                self.agency = related.agency
                self.comment_total = related.comment_total
            prefetch_related_objects([self], models.Prefetch(
                "tagged_items", queryset=GazetteDocumentTag.objects.select_related("tag")))
        context["attachments"] = self.attachments.select_related("document")
        # In the order they were published; ordered by tree path, SQLite walked every
        # document in path order to find the few that correct this one.
        context["corrections"] = public_documents().filter(
            correction_of=self).select_related("issue").order_by("publication_date", "pk")
        context["corrected"] = (public_documents().select_related("issue")
                                .filter(pk=self.correction_of_id).first()
                                if self.correction_of_id else None)
        context["language_urls"] = reading_urls(self)
        if self.takes_comments:
            # How many comments came in: a count, never who sent them or what they said.
            context["comment_count"] = (self.comment_total if hasattr(self, "comment_total")
                                        else self.comment_cases.count())
            context["comments_open"] = consultations.is_open(self.comment_deadline)
            context["days_left"] = consultations.days_left(self.comment_deadline)
        return context


def public_documents():
    """The gazette documents the public may see, on every surface (pages, permalinks, the
    API and CSV, the feed, datasets): live, not behind a view restriction, and in an issue
    that is live. An issue scheduled for a later date keeps its documents back until then,
    even one that went live by itself before that was refused."""
    # Asked of each document's own issue: as "not in the hidden issues", PostgreSQL read
    # every page to list them and every document to filter them (247 ms for an issue's
    # table of contents at 100,000 documents, 1.6 ms now).
    hidden_issue = GazetteIssuePage.objects.not_live().filter(pk=OuterRef("issue_id"))
    return open_to_all(GazetteDocumentPage.objects.live()).filter(~Exists(hidden_issue))


def drafts_for_comment():
    """The public drafts for comment (法規預告), with what their listings show."""
    return (public_documents().filter(document_type__takes_comments=True)
            .exclude(comment_deadline=None)
            .select_related("issue", "agency", "document_type__parent"))


def open_consultations(on=None):
    """The drafts taking comments now (until the end of their deadline day, Taipei time),
    the soonest to close first."""
    return (drafts_for_comment().filter(comment_deadline__gte=on or consultations.today())
            .order_by("comment_deadline", "pk"))


def draft_for_comment(pk):
    """The public draft for comment with this id, or None for any other id or text."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**31:
        return None
    return drafts_for_comment().filter(pk=pk).first()


def embargoed_files():
    """Ids of the files (Wagtail documents) held back with an issue that is not live: its
    documents' attachments and its official PDF, unless something public shows them too."""
    hidden_issues = GazetteIssuePage.objects.not_live().values("pk")
    shown_issues = GazetteIssuePage.objects.live().public()
    return (get_document_model().objects
            .filter(models.Q(pk__in=GazetteAttachment.objects.filter(
                        page__issue__in=hidden_issues).values("document"))
                    | models.Q(pk__in=GazetteIssuePage.objects.filter(
                        pk__in=hidden_issues).values("pdf")))
            .exclude(pk__in=GazetteAttachment.objects.filter(
                page__in=public_documents()).values("document"))
            .exclude(pk__in=shown_issues.exclude(pdf=None).values("pdf"))
            .values_list("pk", flat=True))


class GazetteAttachment(Orderable):
    page = ParentalKey(GazetteDocumentPage, related_name="attachments",
                       on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("file"),
                                 on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("title"), FieldPanel("document")]
    api_fields = [APIField("title"), APIField("document")]

    @property
    def format(self):
        return self.document.file_extension.upper()


def default_language_documents():
    """The public documents in the default language: what the API, the feed and the index
    page's search look through."""
    # By the locale's id, not a join on its language code: the join leads SQLite's planner
    # to sort every document instead of reading the date index for the newest few.
    return public_documents().filter(locale=Locale.get_default())


def grouped_counts(queryset):
    """[(document type id, agency id, n)] of the documents in `queryset`: one grouped count
    per pair, from which facet_counts sums each facet (the matches are read once, not once
    per facet: each read was 200 ms over 100,000 documents)."""
    return list(queryset.order_by().values_list("document_type", "agency")
                .annotate(n=Count("pk")))


def facet_counts(pairs, document_types=()):
    """Counts per filter value among the matches counted in `pairs` (grouped_counts): types
    (top-level and sub) and agencies, and the number of matches ("total"). One query (the
    agencies), two without the top-level `document_types` with their subtypes read."""
    by_type = Counter()
    for document_type, _agency, n in pairs:
        by_type[document_type] += n
    known = {document_type.pk: document_type for top in document_types
             for document_type in (top, *top.subtypes.all())}
    types = [known[pk] for pk in by_type if pk in known]
    if len(types) < len(by_type):
        types = DocumentType.objects.select_related("parent").filter(pk__in=list(by_type))
    type_counts = {}
    for document_type in types:
        for name in {document_type.name, document_type.top.name}:
            type_counts[name] = type_counts.get(name, 0) + by_type[document_type.pk]
    # A document may refer to its agency's translation: one count per agency.
    by_agency = agencies.merged_counts((agency, n) for _type, agency, n in pairs)
    return {"types": type_counts, "total": sum(n for _type, _agency, n in pairs), "agencies": [
        (agency, by_agency[agency.pk]) for agency in Agency.objects.filter(pk__in=list(by_agency))]}


class GazetteIndexCounts(models.Model):
    """What the gazette index shows without a filter: its documents counted per type and
    agency (their total with them) and the years of its issues. Counted from every public
    document, they cost a cold render 110-120 ms at 100,000 on PostgreSQL; kept in this one
    row, they cost a read.

    Every change that can alter them adds one to `changes` in the change's own transaction
    (mark_index_counts_stale), so that none committed is missed and none rolled back counts;
    `counted` is the value of `changes` they were taken at. When the two differ they are
    counted again whole (index_counts), by the task a change queues once it commits, or by
    the next reader if it comes first."""

    changes = models.PositiveBigIntegerField(default=1)
    counted = models.PositiveBigIntegerField(default=0)
    # grouped_counts() as it came: the types' names and tree and the agencies' names and
    # translations are applied when shown, so editing them leaves these right.
    pairs = models.JSONField(default=list)
    years = models.JSONField(default=list)  # of the public issues, newest first

    ROW = 1  # the only row

    def __str__(self):
        return f"gazette index counts (change {self.changes}, counted at {self.counted})"


def count_index():
    """(pairs, years) of the gazette index without a filter, counted now: the documents are
    those in the default language (what both languages' index pages list), the years those
    of the public issues in any language."""
    years = [date.year for date in open_to_all(GazetteIssuePage.objects.live()).dates(
        "publication_date", "year", order="DESC")]
    return [list(pair) for pair in grouped_counts(default_language_documents())], years


def index_counts():
    """(pairs, years) of the gazette index without a filter: those kept when no change came
    since they were counted (one query), else counted now and kept."""
    row = GazetteIndexCounts.objects.filter(pk=GazetteIndexCounts.ROW).first()
    if row is None:  # deleted (a test database's flush): made again, stale
        row, _created = GazetteIndexCounts.objects.get_or_create(pk=GazetteIndexCounts.ROW)
    elif row.counted == row.changes:
        return row.pairs, row.years
    # Counted after `changes` was read: kept only if no change came since, else the next
    # reader (or the change's task) counts again.
    pairs, years = count_index()
    GazetteIndexCounts.objects.filter(pk=row.pk, changes=row.changes).update(
        counted=row.changes, pairs=pairs, years=years)
    return pairs, years


def mark_index_counts_stale():
    GazetteIndexCounts.objects.filter(pk=GazetteIndexCounts.ROW).update(
        changes=models.F("changes") + 1)


# The gazette index page's browse and search: the API's conditions, with counts.
def gazette_search(request, index_page):
    errors = {}
    try:
        conditions = search.parse(request.GET)
    except params.ParamErrors as error:
        errors = error.by_parameter()
        conditions = search.Conditions()
    conditions.per_page = 20
    documents = default_language_documents()
    document_types = list(DocumentType.objects.filter(parent=None).prefetch_related("subtypes"))

    def count(queryset):
        return facet_counts(grouped_counts(queryset), document_types)

    pairs, years = index_counts()
    # Without a search term the counts per value are over the same matches as the list, and
    # their total is the list's length: kept with them, it is not counted again (a read of
    # every public document, 200 ms at 100,000).
    if not conditions.narrows:
        facets = facet_counts(pairs, document_types)
    elif not conditions.term:
        facets = search.cached_facet_counts(
            conditions, search.filtered(conditions, documents), count)
    else:
        facets = None
    # Only the type and agency the list shows: each table joined more cost PostgreSQL's
    # planner milliseconds (a page of documents with the issue and the type's parent joined
    # took 35 ms to plan on a new connection, 9 ms without them).
    found = search.run(conditions, documents, related=("document_type", "agency"),
                       count=facets and facets["total"])
    if facets is None:
        facets = search.cached_facet_counts(conditions, found.queryset, count)
    # A page over the count only (run() fetched the documents), for the shared template.
    page_obj = page_of(range(found.count), conditions.per_page, found.page)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": {"date_from": request.GET.get("conditions[publication_date][gte]", ""),
                 "date_to": request.GET.get("conditions[publication_date][lte]", ""),
                 "issue": request.GET.get("conditions[issue]", "")},
        "type_counts": [(t, facets["types"].get(t.name, 0)) for t in document_types],
        "conditions": conditions,
        "errors": errors,
        "documents": found.items,
        "count": found.count,
        "page_obj": page_obj,
        "query_string": query.urlencode(),
        "facets": facets,
        "document_types": document_types,
        "years": years,
        # By the locale's id: joined on the language code, PostgreSQL read every page of
        # the language (100,000 documents) to find the issues (650 ms, 5 ms now).
        "latest_issues": open_to_all(GazetteIssuePage.objects.live()).filter(
            locale=Locale.get_default()).order_by("-publication_date")[:10],
    }
