"""Petitions and consumer complaints: the case register, its timeline and its audit trail
(the app's models module, petitions.models, adds the intake pages that serve the forms).

Personal data (Personal Data Protection Act) lives only in the fields listed in
PERSONAL_FIELDS, so anonymisation can redact exactly those and keep the statistics.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import conf


class Kind(models.TextChoices):
    PETITION = "petition", _("Petition")
    COMPLAINT = "complaint", _("Consumer complaint")
    # A comment on a draft regulation (法規預告), routed to the agency that issued it.
    COMMENT = "comment", _("Comment on a draft regulation")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")


class Stage(models.TextChoices):
    FIRST = "first", _("First complaint")
    SECOND = "second", _("Second complaint to the consumer protection officer")
    MEDIATION = "mediation", _("Request for mediation")


class ReplyChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    POST = "post", _("Post")


class ReceiptStatus(models.TextChoices):
    NONE = "none", _("No e-mail given")
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will retry")
    GAVE_UP = "gave_up", _("Failed, no more retries")


class PrivateStorage(FileSystemStorage):
    """Attachments live outside MEDIA_ROOT with no URL, so no public address reaches them;
    staff fetch them through a checked view. The location is read from settings on every
    use, so deployments (and tests) can move it."""

    @property
    def base_location(self):
        return conf.private_root()

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL")


def private_storage():
    return PrivateStorage()


class DeadlinePolicy(models.Model):
    """How many calendar days an agency has to answer, per kind of case."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, unique=True)
    days = models.PositiveSmallIntegerField(_("days to answer"))
    near_days = models.PositiveSmallIntegerField(
        _("warn this many days before the deadline"), default=3
    )

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.days}"


class CaseCounter(models.Model):
    """The last number issued per kind and ROC year; locked row by row to number safely."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    roc_year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "roc_year"], name="petitions_counter_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.roc_year}: {self.last}"


class Case(models.Model):
    # Not in Wagtail's reference index: an agency's or page's usage listing is for editors,
    # who may not see cases, and recording references cost every submission four queries.
    wagtail_reference_index_ignore = True
    PERSONAL_FIELDS = ("name", "email", "phone", "address")
    # A point may be someone's home: anonymisation clears it as well.
    PLACE_FIELDS = ("lat", "long")
    # Free text may contain personal data too, so anonymisation blanks it as well.
    FREE_TEXT_FIELDS = ("subject", "description", "location")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("case number"), max_length=20, unique=True)
    # What the tracking code is checked against: a salted hash in Django's password-hash
    # format, which needs no server secret, so rotating SECRET_KEY keeps codes working.
    tracking_code_hash = models.CharField(max_length=128, editable=False)
    # The hash of the random token in the latest tracking link e-mailed to the citizen.
    tracking_link_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The one-time token of the web form that created the case: a replayed form finds it.
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True,
                                      editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="cases",
    )
    received_at = models.DateTimeField(_("received"))
    deadline = models.DateField(_("deadline"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    language = models.CharField(max_length=10, default="zh-hant")

    # Petition (陳情/建議)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    # What a comment is about: the draft regulation (法規預告) in the gazette. Its page shows
    # how many comments it received, never who sent them or what they said.
    draft = models.ForeignKey("bulletin.GazetteDocumentPage", verbose_name=_("draft regulation"),
                              null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="comment_cases")
    # WGS 84, as Open311 partners send them.
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    long = models.FloatField(_("longitude"), null=True, blank=True)

    # Personal data of the citizen
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Where a reply by post goes; asked for only when the citizen chooses post.
    address = models.CharField(_("postal address"), max_length=200, blank=True)
    reply_channel = models.CharField(_("preferred reply channel"), max_length=10,
                                     choices=ReplyChannel.choices, default=ReplyChannel.EMAIL)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    receipt_status = models.CharField(_("receipt e-mail"), max_length=10,
                                      choices=ReceiptStatus.choices, default=ReceiptStatus.NONE)
    receipt_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return self.number

    @property
    def title(self):
        complaint = getattr(self, "complaint", None)
        return self.subject or (complaint.business_name if complaint else "")


class Complaint(models.Model):
    """What only a consumer complaint (消費爭議申訴) has: one row per case of that kind."""

    PERSONAL_FIELDS = ("business_phone",)
    FREE_TEXT_FIELDS = ("first_complaint_result", "resolution_sought", "business_address")

    case = models.OneToOneField(Case, primary_key=True, on_delete=models.CASCADE,
                                related_name="complaint")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, blank=True)
    first_complaint_date = models.DateField(_("date of the first complaint"), null=True,
                                            blank=True)
    first_complaint_result = models.TextField(_("result of the first complaint"), blank=True)
    business_name = models.CharField(_("business name"), max_length=200, blank=True)
    business_address = models.CharField(_("business address"), max_length=200, blank=True)
    business_phone = models.CharField(_("business phone"), max_length=40, blank=True)
    product_category = models.CharField(_("product or service category"), max_length=100,
                                        blank=True)
    transaction_date = models.DateField(_("transaction date"), null=True, blank=True)
    amount = models.PositiveIntegerField(_("amount (NT$)"), null=True, blank=True)
    resolution_sought = models.TextField(_("resolution sought"), blank=True)

    class Meta:
        verbose_name = _("consumer complaint")
        verbose_name_plural = _("consumer complaints")

    def __str__(self):
        return self.case.number

    @classmethod
    def field_names(cls):
        """The fields a complaint case keeps here rather than on its Case."""
        return [f.name for f in cls._meta.concrete_fields if f.name != "case"]


class CaseEvent(models.Model):
    class Type(models.TextChoices):
        RECEIVED = "received", _("Received")
        STATUS = "status", _("Status change")
        ASSIGNMENT = "assignment", _("Assignment")
        NOTE = "note", _("Internal note")
        REPLY = "reply", _("Public reply")
        EXTENSION = "extension", _("Deadline extension")

    # Only these reach the citizen's tracking page; internal notes never do.
    PUBLIC_TYPES = (Type.RECEIVED, Type.STATUS, Type.ASSIGNMENT, Type.REPLY, Type.EXTENSION)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    agency = models.ForeignKey("portal.Agency", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("case event")

    def __str__(self):
        return f"{self.case_id} {self.type}"


class AuditLog(models.Model):
    """Append-only: every view and change of a case. No admin edits or deletes it."""

    wagtail_reference_index_ignore = True  # as Case

    case = models.ForeignKey(Case, null=True, on_delete=models.SET_NULL, related_name="+")
    case_number = models.CharField(_("case number"), max_length=20, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                             related_name="+")
    username = models.CharField(_("user"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=40)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        at = timezone.localtime(self.at)
        return f"{at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.case_number}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("audit log entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit log entries are append-only")


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="cases/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("attachment")

    def __str__(self):
        return self.original_name


class OfficerGroup(models.Model):
    """Maps a user group to the cases its members may see and handle."""

    group = models.OneToOneField("auth.Group", verbose_name=_("group"),
                                 on_delete=models.CASCADE, related_name="petitions_scope")
    agency = models.ForeignKey("portal.Agency", verbose_name=_("agency"), null=True,
                               blank=True, on_delete=models.CASCADE, related_name="+",
                               help_text=_("Members see the cases assigned to this agency."))
    sees_complaints = models.BooleanField(
        _("consumer protection officers"), default=False,
        help_text=_("Members see every consumer complaint."))
    sees_all = models.BooleanField(_("case administrators"), default=False,
                                   help_text=_("Members see every case."))

    class Meta:
        verbose_name = _("officer group")

    def __str__(self):
        return self.group.name


class ApiKey(models.Model):
    """An Open311 api_key that administrators issue; only its hash is stored."""

    name = models.CharField(_("client name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Open311 API key")

    def __str__(self):
        return self.name
