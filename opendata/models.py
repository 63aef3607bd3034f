import codecs
import hashlib
import mimetypes
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal import agencies
from portal.pages import OneChildTypeRouting, open_to_all
from portal.pagination import paginate

from . import catalogue, generators
from .forms import DatasetPageForm
from .preview import preview_for
from .validation import to_utf8

LICENCE_NAME = "政府資料開放授權條款-第1版"
LICENCE_NAME_EN = "Open Government Data License, version 1.0"
LICENCE_URL = "https://data.gov.tw/license"

# data.gov.tw service categories (服務分類).
CATEGORIES = [
    ("public-information", _("Public information")),
    ("investment", _("Investment")),
    ("business", _("Business")),
    ("consumer-protection", _("Consumer protection")),
    ("general-administration", _("General administration")),
    ("international-affairs", _("International affairs")),
    ("statistics", _("Statistics")),
]

# 更新頻率 (data.gov.tw's update frequency): the portal's value, its label, the EU frequency
# authority's code (DCAT-AP) and the ISO 8601 repeating interval of Project Open Data 1.1.
# The one table every interface maps the frequency through (opendata/metadata.py).
FREQUENCY_TERMS = [
    ("monthly", _("Monthly"), "MONTHLY", "R/P1M"),
    ("quarterly", _("Quarterly"), "QUARTERLY", "R/P3M"),
    ("half-yearly", _("Half-yearly"), "ANNUAL_2", "R/P6M"),
    ("yearly", _("Yearly"), "ANNUAL", "R/P1Y"),
    ("irregular", _("Irregular"), "IRREG", "irregular"),
    ("live", _("Live (always current)"), "UPDATE_CONT", "R/PT1S"),
]
FREQUENCIES = [(value, label) for value, label, _eu, _iso in FREQUENCY_TERMS]

FIELD_TYPES = [
    ("string", _("Text")),
    ("integer", _("Integer")),
    ("number", _("Number")),
    ("date", _("Date")),
    ("year", _("Year")),
    ("boolean", _("Yes/no")),
]

# Formats: the portal's value, its IANA media type and its code in the EU file-type authority
# (DCAT-AP dct:format); one table for downloads, DCAT, data.json, Data Package and CKAN.
FORMAT_TERMS = [
    ("CSV", "text/csv", "CSV"),
    ("ODS", "application/vnd.oasis.opendocument.spreadsheet", "ODS"),
    ("JSON", "application/json", "JSON"),
    ("XML", "application/xml", "XML"),
    ("PDF", "application/pdf", "PDF"),
]
FORMATS = [(value, value) for value, _media_type, _eu in FORMAT_TERMS]
ENCODINGS = [("UTF-8", "UTF-8"), ("Big5", "Big5")]

UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')

MIME_TYPES = {value: media_type for value, media_type, _eu in FORMAT_TERMS}


class DatasetIndexPage(OneChildTypeRouting, Page):
    """/data/: the catalogue, searchable and filterable with counts per filter value."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["opendata.DatasetPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("dataset index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        datasets = DatasetPage.objects.child_of(self).live()
        filters = catalogue.parse_filters(request.GET)
        # The view restrictions as a condition on what the filters matched, not public()'s
        # query of its own: the catalogue's text search takes no such condition.
        matching = open_to_all(catalogue.filter_datasets(datasets, filters), within=self)
        facets, total = facet_counts(matching)
        context["filters"] = filters
        context["facets"] = catalogue.facet_links(facets, filters)
        context["datasets"] = paginate(
            request,
            matching.select_related("agency").prefetch_related("resources").order_by("title"),
            20,
            count=total,
        )
        return context


class DatasetTag(TaggedItemBase):
    content_object = ParentalKey("opendata.DatasetPage", related_name="tagged_items",
                                 on_delete=models.CASCADE)


class DatasetPage(Page):
    """One dataset, described with the data.gov.tw metadata fields, which map onto DCAT."""

    identifier = models.SlugField(
        _("identifier"), max_length=80,
        help_text=_("Stable dataset identifier used by harvesters, e.g. kcg-consumer-figures."))
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    description = models.TextField(_("description"))
    agency = models.ForeignKey("portal.Agency", verbose_name=_("provider agency"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="+")
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    category = models.CharField(_("service category"), max_length=40, choices=CATEGORIES,
                                default="public-information")
    keywords = ClusterTaggableManager(through=DatasetTag, blank=True, verbose_name=_("keywords"))
    licence_name = models.CharField(_("licence"), max_length=120, default=LICENCE_NAME)
    licence_url = models.URLField(_("licence URL"), default=LICENCE_URL)
    update_frequency = models.CharField(_("update frequency"), max_length=20,
                                        choices=FREQUENCIES, default="yearly")
    temporal_start = models.DateField(_("temporal coverage from"), null=True, blank=True)
    temporal_end = models.DateField(_("temporal coverage to"), null=True, blank=True)
    spatial = models.CharField(_("spatial coverage"), max_length=100, default="高雄市", blank=True)
    language = models.CharField(_("language"), max_length=20, default="zh-TW")
    issued = models.DateField(_("issued"), default=timezone.localdate)
    modified = models.DateField(_("modified"), default=timezone.localdate)
    notes = models.TextField(_("notes"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("identifier"), FieldPanel("title_en")]),
        FieldPanel("description"),
        MultiFieldPanel([
            FieldPanel("agency"),
            FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone"),
                           FieldPanel("contact_email")]),
        ], heading=_("Provider")),
        FieldRowPanel([FieldPanel("category"), FieldPanel("update_frequency")]),
        FieldPanel("keywords"),
        FieldRowPanel([FieldPanel("licence_name"), FieldPanel("licence_url")]),
        FieldRowPanel([FieldPanel("temporal_start"), FieldPanel("temporal_end")],
                      heading=_("Temporal coverage")),
        FieldRowPanel([FieldPanel("spatial"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("issued"), FieldPanel("modified")]),
        InlinePanel("data_fields", label=_("Field descriptions")),
        InlinePanel("resources", label=_("Resources"), min_num=1),
        FieldPanel("notes"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("title_en"),
        index.FilterField("category"),
        index.FilterField("update_frequency"),
        index.FilterField("agency_id"),
    ]
    # A translation keeps the agency's canonical row instead of waiting for, and pointing
    # at, the agency's own translation (portal/agencies.py).
    override_translatable_fields = [SynchronizedField("agency")]
    base_form_class = DatasetPageForm
    parent_page_types = ["opendata.DatasetIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("dataset")

    def save(self, *args, **kwargs):
        # Fields and resources given in code (the demo, imports) come without a sort_order;
        # keep the order they were given in, which PostgreSQL would not otherwise keep.
        for relation in (self.data_fields, self.resources):
            for position, child in enumerate(relation.all()):
                if child.sort_order is None:
                    child.sort_order = position
        super().save(*args, **kwargs)

    def source_page(self):
        """The default-language page. Its resources are the dataset's files in every
        language: a translation copies the rows (wagtail-localize copies child rows), and
        serving the copies would split the download count and list each file twice."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resources = list(self.source_page().resources.all())
        context["resources"] = resources
        context["preview"] = preview_for(resources, self.data_fields.all())
        return context


class DatasetField(Orderable):
    """主要欄位說明: one column of the dataset's tables."""

    page = ParentalKey(DatasetPage, related_name="data_fields", on_delete=models.CASCADE)
    name = models.CharField(_("column name"), max_length=100)
    type = models.CharField(_("type"), max_length=10, choices=FIELD_TYPES, default="string")
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("type")]), FieldPanel("description")]

    def __str__(self):
        return self.name


def private_storage():
    """Resource files are served only by the download view, which checks that the dataset
    is live and public: never at a public media address that would outlive an unpublish."""
    return storages["private"]


def _generator_choices():
    return generators.choices()


class DatasetResource(Orderable):
    """A distribution of the dataset: an uploaded file or a live generator's output.
    Size, checksum and modification time are computed from the file, never typed in."""

    page = ParentalKey(DatasetPage, related_name="resources", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200)
    format = models.CharField(_("format"), max_length=10, choices=FORMATS, default="CSV")
    encoding = models.CharField(_("encoding"), max_length=10, choices=ENCODINGS, default="UTF-8")
    file = models.FileField(_("file"), upload_to="opendata/", blank=True,
                            storage=private_storage)
    generator = models.CharField(_("live generator"), max_length=80, blank=True,
                                 choices=_generator_choices)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    file_modified = models.DateTimeField(_("file modified"), null=True, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    convert_to_utf8 = models.BooleanField(
        _("convert to UTF-8"), default=False,
        help_text=_("Convert an uploaded Big5 file to UTF-8 when saving."))

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("format"), FieldPanel("encoding")]),
        FieldPanel("file"),
        FieldPanel("convert_to_utf8"),
        FieldPanel("generator"),
    ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if bool(self.file) == bool(self.generator):
            raise ValidationError(_("Give either an uploaded file or a live generator, not both."))
        if self.generator and self.format not in generators.FORMATS:
            raise ValidationError({"format": _("Live generators produce CSV, JSON or ODS.")})

    def save(self, *args, **kwargs):
        if self.file and self.convert_to_utf8:
            self._convert_to_utf8()
        if self.file and self.format == "CSV" and self.encoding == "UTF-8":
            self._strip_bom()
        if self.file:
            self._compute_file_facts()
        super().save(*args, **kwargs)

    def _convert_to_utf8(self):
        self.file.open("rb")
        try:
            converted = to_utf8(self.file.read())
        finally:
            self.file.close()
        name = self.file.name.rsplit("/", 1)[-1]
        self.file.save(name, ContentFile(converted), save=False)
        self.encoding = "UTF-8"
        self.convert_to_utf8 = False

    def _strip_bom(self):
        # The stored CSV is the one programs read, so it carries no byte-order mark (which
        # would stick to the first column's name); Excel's copy adds one when served.
        self.file.open("rb")
        try:
            head = self.file.read(len(codecs.BOM_UTF8))
            if head != codecs.BOM_UTF8:
                return
            rest = self.file.read()
        finally:
            self.file.close()
        name = self.file.name.rsplit("/", 1)[-1]
        self.file.save(name, ContentFile(rest), save=False)

    def _compute_file_facts(self):
        digest = hashlib.sha256()
        size = 0
        self.file.open("rb")
        try:
            for chunk in self.file.chunks():
                digest.update(chunk)
                size += len(chunk)
        finally:
            self.file.close()
        if digest.hexdigest() != self.sha256:
            self.file_modified = timezone.now()
        self.sha256 = digest.hexdigest()
        self.size = size

    @property
    def mime_type(self):
        if self.format in MIME_TYPES:
            return MIME_TYPES[self.format]
        return mimetypes.guess_type(self.file.name)[0] or "application/octet-stream"

    @property
    def content_type(self):
        """The Content-Type header: CSV names its charset, which browsers and clients
        would otherwise guess (RFC 7111 gives none by default)."""
        if self.format == "CSV":
            return f"text/csv; charset={self.encoding.lower()}"
        return self.mime_type

    @property
    def has_excel_copy(self):
        # Excel opens a CSV in the system's code page unless it starts with a byte-order
        # mark; on Traditional Chinese Windows that code page is Big5, so only UTF-8 needs it.
        return self.format == "CSV" and self.encoding == "UTF-8"

    @property
    def extension(self):
        return self.format.lower()

    @property
    def download_name(self):
        """The file name without extension: the resource's title, after the dataset's unless
        the title already says it, without the characters file systems refuse."""
        page_title, title = self.page.title.strip(), self.title.strip()
        name = title if not page_title or title.startswith(page_title) else \
            f"{page_title}-{title}"
        return UNSAFE_IN_FILE_NAMES.sub("_", name)

    @property
    def download_filename(self):
        return f"{self.download_name}.{self.extension}"

    @property
    def fallback_filename(self):
        """An ASCII name for clients that do not read RFC 5987 `filename*`."""
        return f"{self.page.identifier}-{self.pk}.{self.extension}"

    def record_generated(self, rendered, now=None):
        """Record a live generator's output as an uploaded file's facts (size, checksum,
        modification time) when it differs from the last recorded; the modification time
        is when this content was first seen, so Last-Modified follows the content.
        True when it changed."""
        if rendered.sha256 == self.sha256:
            return False
        now = now or timezone.now()
        changed = DatasetResource.objects.filter(pk=self.pk).exclude(
            sha256=rendered.sha256).update(size=len(rendered.content), sha256=rendered.sha256,
                                           file_modified=now)
        if changed:
            self.size, self.sha256, self.file_modified = len(rendered.content), \
                rendered.sha256, now
        else:  # another request recorded it first
            self.refresh_from_db(fields=["size", "sha256", "file_modified"])
        return bool(changed)

    def count_download(self):
        # One UPDATE without reading the row: no lock waits, no race, nothing about who.
        DatasetResource.objects.filter(pk=self.pk).update(download_count=F("download_count") + 1)


def facet_counts(queryset):
    """({facet: [(value, label, count)]}, the number of matching datasets): four grouped
    queries. Agencies, categories and frequencies are counted in one, grouped by all three,
    whose groups also add up to the number of matches."""
    ids = queryset.values("pk")
    pages = DatasetPage.objects.filter(pk__in=ids)
    categories = dict(CATEGORIES)
    frequencies = dict(FREQUENCIES)
    agency_names = agencies.names_by_code()
    by_agency, by_category, by_frequency = {}, {}, {}
    total = 0
    for row in pages.values("agency__code", "category", "update_frequency").annotate(
            n=Count("pk")).order_by():
        total += row["n"]
        # By code: a dataset on the agency's translation counts for the agency, once.
        if row["agency__code"] is not None:
            by_agency[row["agency__code"]] = by_agency.get(row["agency__code"], 0) + row["n"]
        by_category[row["category"]] = by_category.get(row["category"], 0) + row["n"]
        by_frequency[row["update_frequency"]] = (by_frequency.get(row["update_frequency"], 0)
                                                 + row["n"])
    return {
        "agency": [(code, agency_names.get(code, code), count)
                   for code, count in sorted(by_agency.items())],
        "category": [(value, categories.get(value, value), count)
                     for value, count in sorted(by_category.items())],
        "format": [
            (row["format"], row["format"], row["n"])
            for row in DatasetResource.objects.filter(page_id__in=ids).values("format")
            .annotate(n=Count("page_id", distinct=True)).order_by("format")
        ],
        "tag": [
            (row["tag__name"], row["tag__name"], row["n"])
            for row in DatasetTag.objects.filter(content_object_id__in=ids).values("tag__name")
            .annotate(n=Count("content_object_id", distinct=True)).order_by("-n", "tag__name")
        ],
        "frequency": [(value, frequencies.get(value, value), count)
                      for value, count in sorted(by_frequency.items())],
    }, total
