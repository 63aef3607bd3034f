from django import forms
from django.utils.translation import gettext_lazy as _

from portal.params import ParamErrors

from . import queries


class SubscribeForm(forms.Form):
    """The address only: the search comes with the link, as the gazette's query string."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    query = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)

    def clean_query(self):
        try:
            conditions = queries.parse(self.cleaned_data["query"])
        except ParamErrors as error:
            raise forms.ValidationError(
                [f"{name}: {message}" for name, message in error.by_parameter().items()]) from None
        self.conditions = conditions
        return queries.normalise(conditions)
