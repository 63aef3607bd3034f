"""Drafts for comment (法規預告): the rules of their comment deadline, as plain functions.

A draft takes comments until the end of its deadline day on the Taipei clock
(表示意見截止日期); the day itself is the last one."""

import datetime
import re
import unicodedata

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def deadline_problem(document_type, deadline, signing_date=None):
    """Why this deadline does not suit a document of this type, or None: a draft for
    comment needs one, no other document may have one, and it cannot come before the
    document was signed."""
    takes_comments = bool(document_type and document_type.takes_comments)
    if takes_comments and deadline is None:
        return _("A draft regulation for comment (法規預告) needs a comment deadline "
                 "(表示意見截止日期).")
    if not takes_comments and deadline is not None:
        return _("Only a draft regulation for comment (法規預告) has a comment deadline; "
                 "leave it empty for this document type.")
    if deadline is not None and signing_date is not None and deadline < signing_date:
        return _("The comment deadline cannot be before the signing date.")
    return None


def today():
    """The day on the Taipei clock (TIME_ZONE), whatever the server's own zone."""
    return timezone.localdate()


def is_open(deadline, on=None):
    return deadline is not None and (on or today()) <= deadline


def days_left(deadline, on=None):
    """Whole days after today until the deadline: 0 on the last day; None once closed."""
    if not is_open(deadline, on):
        return None
    return (deadline - (on or today())).days


# 「請於本公告刊登公報之次日起60日內陳述意見」: the way the city's 法規預告 notices give
# their deadline, counted from the day after the gazette publishes them.
PERIOD_PHRASE = re.compile(r"刊登(?:本府)?公報之?次日起([0-9〇零一二三四五六七八九十百]+)日內")
CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                  "七": 7, "八": 8, "九": 9}


def chinese_number(text):
    """An integer written in digits or Chinese numerals up to 999 (六十, 十四, 一百二十)."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
        else:  # 十 or 百
            total += (digit or 1) * (10 if char == "十" else 100)
            digit = 0
    return total + digit


def deadline_from_text(text, published):
    """The deadline a notice states as a period after its publication in the gazette
    (「刊登公報之次日起60日內」: the 60th day after `published`), or None."""
    if not text or published is None:
        return None
    match = PERIOD_PHRASE.search(unicodedata.normalize("NFKC", re.sub(r"<[^>]*>|\s", "", text)))
    if match is None:
        return None
    days = chinese_number(match.group(1))
    return published + datetime.timedelta(days=days) if days else None
