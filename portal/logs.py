"""Structured logging: one JSON object a line, each with the id of the request it belongs
to, and nothing personal.

Log calls name cases by number and objects by primary key, never by what a person wrote;
the `redact` filter is a second line for what a library puts in a message or traceback
(an SMTP server quoting the recipient's address): it blanks e-mail addresses and phone
numbers before a record reaches a handler."""

import contextvars
import logging
import re
import uuid

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the proxy in front is kept when it looks like one, so that its log and ours meet.
GIVEN_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

current_request_id = contextvars.ContextVar("request_id", default="-")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Taiwanese numbers: mobiles (09xx), landlines with area codes, +886; at least 8 digits.
PHONE = re.compile(r"(?<![\w-])(?:\+?886[\s-]?|0)\d(?:[\s-]?\d){7,9}(?![\w-])")


def redact(text):
    return PHONE.sub("[phone]", EMAIL.sub("[e-mail]", text))


def request_id(request):
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if GIVEN_ID.fullmatch(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Gives every request an id, in the logs of everything it does and in the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given_id = request_id(request)
        token = current_request_id.set(given_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = given_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


class RedactFilter(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info:
            # Formatted here, so that the handler prints the cleaned text.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(BaseJsonFormatter):
    """Time, level, logger, message, request id, and the extras a caller passed; never the
    request object Django attaches to its own records (its repr carries the query string)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s %(request_id)s")
        kwargs.setdefault("timestamp", "time")  # ISO 8601, UTC
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger",
                                            "exc_info": "exception"})
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request"])
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)
