"""Query parameters: one way to read and check them, and one error model.

A `QueryForm` is a Django form over a query string (or a form body). Its fields read text
the way every listing and API of the portal agrees on: integers in ASCII digits within
bounds, ISO 8601 dates, choices, lists of values. Whatever is wrong comes out as a list of
`ParamError(parameter, code, message)`, the message in the user's language (or in the
wording an API's contract fixes, through the field's `error_messages`). Each API renders
that list in its own format; HTML pages show them as form errors.

Extension point `extensions.API_ERROR_FORMATS`: each item is an `ErrorFormat` naming the
URL prefixes of one API and the function that renders its errors,
`render(request, errors, status) -> HttpResponse`. Those APIs check NUL characters
themselves (so the answer is in the format their clients read); the request limits let
their requests through to them (portal/security/limits.py).
"""

import copy
import datetime
import re
import sys
from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from portal import extensions

NUL = "\x00"
# ASCII digits: str.isdigit() also takes "²", which int() refuses, and int() takes "١٢"
# (Arabic-Indic digits), which no one means as a number in a query string.
DIGITS = re.compile(r"[0-9]+")
SIGNED = re.compile(r"[-+]?[0-9]+")


def has_nul(value):
    """True when text holds a NUL character, which PostgreSQL's text cannot store."""
    return isinstance(value, str) and NUL in value


def nul_parameters(query):
    """The names of the parameters of a QueryDict (or dict) whose name or a value holds a
    NUL character, in the query's order."""
    values = query.lists() if hasattr(query, "lists") else (
        (name, [value]) for name, value in query.items())
    return [name for name, items in values
            if has_nul(name) or any(has_nul(value) for value in items)]


def is_digits(text, max_digits=None):
    """True when `text` is ASCII digits only (and at most `max_digits` of them)."""
    return (isinstance(text, str) and DIGITS.fullmatch(text) is not None
            and (max_digits is None or len(text) <= max_digits))


@dataclass(frozen=True)
class ParamError:
    parameter: str
    code: str
    message: str


class ParamErrors(ValueError):
    """Raised by `QueryForm.parse`: the form's errors, as a list of ParamError."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = list(errors)

    def by_parameter(self):
        """{parameter: message}, the last message of each parameter."""
        return {error.parameter: error.message for error in self.errors}


def read(parameter, field, value):
    """One parameter's value read by `field` outside a form; raises ParamErrors."""
    try:
        return field.clean(value)
    except ValidationError as error:
        raise ParamErrors([ParamError(parameter, problem.code or "invalid", message)
                           for problem in error.error_list
                           for message in problem.messages]) from None


@dataclass(frozen=True)
class ErrorFormat:
    """How one API answers bad input: its URL prefixes and its renderer."""

    prefixes: tuple
    render: object  # render(request, errors, status) -> HttpResponse


def error_formats():
    return extensions.collect(extensions.API_ERROR_FORMATS)


def own_nul_check_prefixes():
    """The URL prefixes of the APIs that refuse a NUL themselves, in their own format."""
    return tuple(prefix for item in error_formats() for prefix in item.prefixes)


class IntegerParameter(forms.Field):
    """An integer written in ASCII digits (with an optional sign), within bounds. Codes:
    invalid, min_value, max_value."""

    default_error_messages = {
        "invalid": _("Enter a whole number."),
        "min_value": _("Ensure this value is greater than or equal to %(limit_value)s."),
        "max_value": _("Ensure this value is less than or equal to %(limit_value)s."),
    }

    def __init__(self, *, min_value=None, max_value=None, max_digits=None, signed=True,
                 **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.min_value, self.max_value = min_value, max_value
        # By default as many digits as int() reads (4,300 unless Python is set otherwise).
        self.max_digits = max_digits or sys.get_int_max_str_digits() or None
        self.pattern = SIGNED if signed else DIGITS

    def to_python(self, value):
        text = value.strip() if isinstance(value, str) else value
        if text in self.empty_values:
            return None
        if not (isinstance(text, str) and self.pattern.fullmatch(text)
                and (self.max_digits is None or len(text.lstrip("+-")) <= self.max_digits)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)

    def validate(self, value):
        super().validate(value)
        for code, bound, broken in (("min_value", self.min_value, lambda v, b: v < b),
                                    ("max_value", self.max_value, lambda v, b: v > b)):
            if value is not None and bound is not None and broken(value, bound):
                raise ValidationError(self.error_messages[code], code=code,
                                      params={"limit_value": bound})


class DateParameter(forms.Field):
    """A date written as ISO 8601 (YYYY-MM-DD), strictly after `after` and before
    `before` when given. Code: invalid."""

    default_error_messages = {"invalid": _("Enter a date as YYYY-MM-DD.")}

    def __init__(self, *, after=None, before=None, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.after, self.before = after, before

    def to_python(self, value):
        text = value.strip() if isinstance(value, str) else value
        if text in self.empty_values:
            return None
        try:
            day = datetime.date.fromisoformat(text)
        except (TypeError, ValueError):
            day = None
        if day is None or (self.after and day <= self.after) or (
                self.before and day >= self.before):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return day


class ChoiceParameter(forms.ChoiceField):
    """One of `choices` (pairs, as Django's ChoiceField takes them), surrounding spaces
    ignored; empty when not given. Code: invalid_choice."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return value.strip() if isinstance(value, str) else super().to_python(value)


class ListWidget(forms.Widget):
    """Every value of a parameter named `name[]`, given as `name[]` or as `name` (both
    spellings work, as in Rails and PHP)."""

    def value_from_datadict(self, data, files, name):
        spellings = (name, name.removesuffix("[]")) if name.endswith("[]") else (name,)
        values = []
        for spelling in spellings:
            given = (data.getlist(spelling) if hasattr(data, "getlist")
                     else data.get(spelling, []))
            values += given if isinstance(given, list) else [given]
        return values


class ListParameter(forms.Field):
    """A list of text values, stripped, empty ones dropped (unless `strip` is false: then
    each is taken as written, and " open" or "" is no choice); each one of `choices` when
    given. With a `separator`, one parameter (its last value) holds the list, as in
    ?status=open,closed. Code: invalid_choice (with the refused values as %(value)s)."""

    widget = ListWidget
    default_error_messages = {"invalid_choice": _("Unknown values: %(value)s")}

    def __init__(self, *, choices=None, separator=None, strip=True, **kwargs):
        kwargs.setdefault("required", False)
        if separator:
            kwargs.setdefault("widget", forms.TextInput)
        super().__init__(**kwargs)
        self.choices, self.separator, self.strip = choices, separator, strip

    def to_python(self, value):
        values = value if isinstance(value, list) else [value] if value else []
        values = [item for item in values if isinstance(item, str)]
        if self.separator:
            values = [part for item in values for part in item.split(self.separator)]
        if not self.strip:
            return values
        return [item.strip() for item in values if item.strip()]

    def validate(self, value):
        super().validate(value)
        unknown = [item for item in value if self.choices is not None
                   and item not in self.choices]
        if unknown:
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice", params={"value": ", ".join(unknown)})


class QueryForm(forms.Form):
    """A form over query parameters. Subclasses name their parameters in `parameters`
    ({query parameter name: field}, since names such as conditions[term] are not Python
    names; or `get_parameters()` when the fields depend on settings or the request), and
    may set `nul_message` to refuse any parameter holding a NUL character."""

    parameters = {}
    nul_message = None

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        for name, field in self.get_parameters().items():
            self.fields[name] = copy.deepcopy(field)

    def get_parameters(self):
        return self.parameters

    def param_errors(self):
        """Every problem, as ParamError: NUL characters first, then the fields' errors in
        the order of the fields, then the form's own (parameter "")."""
        nul = [] if self.nul_message is None else [
            ParamError(name, "nul", str(self.nul_message)) for name in nul_parameters(self.data)]
        # Django's CharField refuses NUL with its own message: the form's own says it once.
        fields = [ParamError("" if name == NON_FIELD_ERRORS else name,
                             error.code or "invalid", message)
                  for name, errors in self.errors.as_data().items()
                  for error in errors for message in error.messages
                  if not (nul and error.code == "null_characters_not_allowed")]
        return nul + fields

    def parse(self):
        """cleaned_data, or raises ParamErrors."""
        errors = self.param_errors()
        if errors:
            raise ParamErrors(errors)
        return self.cleaned_data

    def value(self, name, default=None):
        """The cleaned value of a parameter, or `default` when it was refused or empty."""
        if name in self.errors:  # validates the form the first time
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "", []) else value
