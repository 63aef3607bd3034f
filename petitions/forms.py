"""Intake forms, defined in code. Labels in English here, Chinese in the catalogue."""

import secrets
import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from bulletin import consultations
from portal.dates import format_date_for_language

from . import domain, files
from .cases import ReplyChannel, Stage

MIN_FILL_SECONDS = 3
# A form left open for a day is stale; the signed start time stops replaying an old token.
MAX_FILL_SECONDS = 24 * 3600
STARTED_SALT = "petitions.form-started"

PETITION_CATEGORIES = [
    ("", _("Choose a category")),
    ("transport", _("Transport and roads")),
    ("environment", _("Environment")),
    ("welfare", _("Social welfare")),
    ("education", _("Education")),
    ("international", _("International affairs")),
    ("administration", _("Administration")),
    ("other", _("Other")),
]

PRODUCT_CATEGORIES = [
    ("", _("Choose a category")),
    ("food", _("Food and drink")),
    ("electronics", _("Electronics")),
    ("telecom", _("Telecommunications")),
    ("housing", _("Housing and real estate")),
    ("travel", _("Travel")),
    ("education", _("Education and courses")),
    ("online", _("Online shopping")),
    ("other", _("Other")),
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [f for f in (data or []) if f] if isinstance(data, list | tuple) else (
            [data] if data else [])
        if len(uploads) > files.MAX_FILES:
            raise ValidationError(_("Attach at most 5 files."))
        return [files.clean_upload(upload) for upload in uploads]


def started_token():
    return signing.dumps(time.time(), salt=STARTED_SALT)


def submission_token():
    return secrets.token_urlsafe(24)


# Mediation, like a second complaint, follows a complaint that was not settled (Consumer
# Protection Act arts. 43-44): for these the form asks the first complaint's date and result.
STAGES_AFTER_A_COMPLAINT = (Stage.SECOND, Stage.MEDIATION)


class IntakeForm(forms.Form):
    # Honeypot: hidden from people (CSS and aria-hidden); bots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    # Missing only from a form not sent from this page: an expired one, as far as anyone knows.
    started = forms.CharField(widget=forms.HiddenInput, error_messages={
        "required": _("The form has expired. Please submit it again.")})
    # A one-time token: the same form sent twice makes one case (see intake.submit).
    submission = forms.RegexField(r"^[A-Za-z0-9_-]{16,64}$", widget=forms.HiddenInput,
                                  required=False)

    # The autocomplete tokens let browsers fill in the person's own details (WCAG 1.3.5).
    name = forms.CharField(label=_("Full name"), max_length=100,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("E-mail"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False,
        help_text=_("Required if you want the reply by phone."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    reply_channel = forms.ChoiceField(label=_("Preferred reply channel"),
                                      choices=ReplyChannel.choices)
    address = forms.CharField(
        label=_("Postal address"), max_length=200, required=False,
        help_text=_("Required if you want the reply by post: postcode, city, district, "
                    "street and number."),
        widget=forms.Textarea(attrs={"autocomplete": "street-address", "rows": 2}))
    attachments = AttachmentsField(
        label=_("Attachments"), required=False,
        help_text=_("Up to 5 files of at most 10 MB each: PDF, JPEG, PNG, ODT or DOCX."),
    )
    consent = forms.BooleanField(
        label=_("I have read the personal data notice and agree to the collection and use of "
                "my personal data for handling this case."),
        error_messages={"required": _("Please give your consent so that we can handle your "
                                      "case.")},
    )

    def __init__(self, *args, now=None, **kwargs):
        # Labels are not followed by a colon: the consent label is one sentence.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.now = now or time.time
        if not self.is_bound:
            self.initial.setdefault("started", started_token())
            self.initial.setdefault("submission", submission_token())

    def _post_clean(self):
        super()._post_clean()
        # A field's errors (and help) are read out with it (WCAG 3.3.1). Django links the
        # help text itself only while nothing else is described.
        for name in self.errors:
            if name in self.fields and not self.fields[name].widget.is_hidden:
                bound = self[name]
                ids = [f"{bound.auto_id}_error"]
                if self.fields[name].help_text:
                    ids.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    def error_summary(self):
        """(id of the field's first control or None, message) for each error, in the
        form's order: the error summary's links. A radio group's link leads to its first
        radio; hidden fields have no control to lead to."""
        items = [(None, error) for error in self.non_field_errors()]
        for bound in self.hidden_fields():
            items += [(None, error) for error in bound.errors]
        for bound in self.visible_fields():
            first = bound.subwidgets[0].data["attrs"].get("id") if bound.subwidgets else None
            for error in bound.errors:
                # The consent's message says what it is about; the others get the label.
                text = error if isinstance(bound.field, forms.BooleanField) else _(
                    "%(field)s: %(error)s") % {"field": bound.label, "error": error}
                items.append((first or bound.auto_id, text))
        return items

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=STARTED_SALT,
                                    max_age=MAX_FILL_SECONDS)
        except signing.SignatureExpired as exc:
            raise ValidationError(_("The form has expired. Please submit it again."),
                                  code="expired") from exc
        except signing.BadSignature as exc:
            raise ValidationError(_("The form has expired. Please submit it again.")) from exc
        return started

    @property
    def expired(self):
        """Left open too long: shown again with what was typed and a fresh start time."""
        return self.has_error("started", "expired")

    def renewed(self):
        """This form's data with a fresh start time, to show again after it expired."""
        data = self.data.copy()
        data["started"] = started_token()
        return type(self)(data)

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Give an e-mail address or a phone number."))
        channel = data.get("reply_channel")
        if channel == ReplyChannel.EMAIL and not data.get("email"):
            self.add_error("email", _("Give an e-mail address to get the reply by e-mail."))
        if channel == ReplyChannel.PHONE and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Give a phone number to get the reply by phone."))
        if channel == ReplyChannel.POST:
            if not data.get("address") and "address" not in self.errors:
                self.add_error("address", _("Give a postal address to get the reply by post."))
        else:
            # Typed before another channel was chosen: not needed, so neither kept nor checked.
            self._errors.pop("address", None)
            data["address"] = ""
        return data

    @property
    def is_bot(self):
        """Honeypot filled in, or submitted faster than a person can type."""
        if self.data.get("website"):
            return True
        started = self.cleaned_data.get("started") if hasattr(self, "cleaned_data") else None
        return isinstance(started, float) and self.now() - started < MIN_FILL_SECONDS

    def case_fields(self):
        skip = {"website", "started", "submission", "consent", "attachments"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class PetitionForm(IntakeForm):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=PETITION_CATEGORIES)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea,
                                  max_length=10000)
    location = forms.CharField(label=_("Location (optional)"), max_length=200,
                               required=False)

    field_order = ["subject", "category", "description", "location", "name", "email",
                   "phone", "reply_channel", "address", "attachments", "consent"]


class CommentForm(IntakeForm):
    """A comment on a draft regulation (法規預告): the petition form's personal and reply
    fields, about the one draft it names, taken until the draft's comment deadline."""

    draft = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(label=_("Your comment"), widget=forms.Textarea,
                                  max_length=10000)

    field_order = ["subject", "description", "name", "email", "phone", "reply_channel",
                   "address", "attachments", "consent"]

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        if not self.is_bound:
            self.initial.setdefault("draft", draft.pk)
            self.initial.setdefault("subject", (gettext("Comment on “%(title)s”")
                                                % {"title": draft.title})[:200])

    def clean_draft(self):
        # The view found `self.draft` by this field's number (petitions.views.intake_form).
        if not consultations.is_open(self.draft.comment_deadline):
            raise ValidationError(
                _("Comments on this draft closed on %(date)s, so your comment was not sent."),
                code="closed", params={"date": format_date_for_language(
                    self.draft.comment_deadline, get_language())})
        return self.draft

    def renewed(self):
        data = self.data.copy()
        data["started"] = started_token()
        return type(self)(data, draft=self.draft)


class ComplaintDetailsForm(forms.Form):
    """The complaint's own fields, which the web form and Open311's service attributes share."""

    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices,
                              widget=forms.RadioSelect)
    first_complaint_date = forms.DateField(
        label=_("Date of the first complaint"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}), validators=[domain.check_recent_past])
    first_complaint_result = forms.CharField(
        label=_("Result of the first complaint"), required=False, widget=forms.Textarea,
        max_length=5000)
    business_name = forms.CharField(label=_("Business name"), max_length=200)
    business_address = forms.CharField(label=_("Business address"), max_length=200,
                                       required=False)
    business_phone = forms.CharField(label=_("Business phone"), max_length=40,
                                     required=False)
    product_category = forms.ChoiceField(label=_("Product or service category"),
                                         choices=PRODUCT_CATEGORIES)
    transaction_date = forms.DateField(label=_("Transaction date"),
                                       widget=forms.DateInput(attrs={"type": "date"}),
                                       validators=[domain.check_recent_past])
    amount = forms.IntegerField(label=_("Amount (NT$)"), min_value=0, max_value=2_000_000_000)
    resolution_sought = forms.CharField(label=_("Resolution sought"), widget=forms.Textarea,
                                        max_length=5000)

    def clean(self):
        data = super().clean()
        if data.get("stage") in STAGES_AFTER_A_COMPLAINT:
            for field in ("first_complaint_date", "first_complaint_result"):
                if not data.get(field) and field not in self.errors:
                    self.add_error(field, _("Required for a second complaint or a request "
                                            "for mediation."))
        else:
            # Hidden for a first complaint (or no stage yet): whatever they hold is dropped
            # and cannot stop the form.
            for field in ("first_complaint_date", "first_complaint_result"):
                self._errors.pop(field, None)
            data.update(first_complaint_date=None, first_complaint_result="")
        return data


class ComplaintForm(IntakeForm, ComplaintDetailsForm):
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea,
                                  max_length=10000)

    field_order = ["stage", "first_complaint_date", "first_complaint_result", "business_name",
                   "business_address", "business_phone", "product_category",
                   "transaction_date", "amount", "description", "resolution_sought", "name",
                   "email", "phone", "reply_channel", "address", "attachments", "consent"]
