"""The one form behind the case page's actions. It checks each action's inputs against the
case as it stands, so that an action the case does not allow is a form error, never a 500."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import agencies
from portal.agencies import AgencyChoiceField

from . import actions, domain
from .models import Status


class CaseActionForm(forms.Form):
    ACTIONS = [
        ("assign", _("Assign or transfer to an agency")),
        ("status", _("Change status")),
        ("note", _("Add an internal note")),
        ("reply", _("Send a public reply")),
        ("extend", _("Extend the deadline")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    agency = AgencyChoiceField(label=_("Agency"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", "---"), *Status.choices],
                               required=False)
    text = forms.CharField(label=_("Text or reason"), widget=forms.Textarea, required=False,
                           max_length=10000)
    deadline = forms.DateField(label=_("New deadline"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    REQUIRED = {"assign": ["agency"], "status": ["status"], "note": ["text"],
                "reply": ["text"], "extend": ["deadline", "text"]}
    # A closed case takes internal notes and a status change (to reopen it), nothing else.
    OPEN_CASE_ONLY = ("assign", "reply", "extend")

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean(self):
        data = super().clean()
        action = data.get("action")
        for field in self.REQUIRED.get(action, []):
            if not data.get(field) and field not in self.errors:
                self.add_error(field, _("Required for this action."))
        if action in self.OPEN_CASE_ONLY and self.case.status == Status.CLOSED:
            raise ValidationError(_("This case is closed. Reopen it by changing its status "
                                    "first."))
        if action == "assign" and data.get("agency") and \
                data["agency"].pk == agencies.canonical_id(self.case.agency_id):
            self.add_error("agency", _("The case is already with this agency."))
        if action == "status" and data.get("status") == self.case.status:
            self.add_error("status", _("The case already has this status."))
        if action == "extend" and data.get("deadline"):
            try:
                domain.check_extension(self.case.deadline, data["deadline"],
                                       timezone.localdate())
            except ValidationError as error:
                self.add_error("deadline", error)
        return data

    def apply(self, user):
        case, data = self.case, self.cleaned_data
        match data["action"]:
            case "assign":
                actions.assign(case, data["agency"], user)
            case "status":
                actions.change_status(case, data["status"], user)
            case "note":
                actions.add_note(case, data["text"], user)
            case "reply":
                actions.reply(case, data["text"], user)
            case "extend":
                actions.extend_deadline(case, data["deadline"], data["text"], user)
