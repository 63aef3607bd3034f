"""The one form behind the case page's actions; each action checks its own inputs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Agency

from . import actions
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
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.all(),
                                    required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", "---"), *Status.choices],
                               required=False)
    text = forms.CharField(label=_("Text or reason"), widget=forms.Textarea, required=False,
                           max_length=10000)
    deadline = forms.DateField(label=_("New deadline"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    REQUIRED = {"assign": ["agency"], "status": ["status"], "note": ["text"],
                "reply": ["text"], "extend": ["deadline", "text"]}

    def clean(self):
        data = super().clean()
        for field in self.REQUIRED.get(data.get("action"), []):
            if not data.get(field):
                self.add_error(field, _("Required for this action."))
        return data

    def apply(self, case, user):
        data = self.cleaned_data
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
