"""How gazette issues are numbered: ROC year, seasonal volume and number (113年夏字第5期)."""

import datetime
import re

from portal.dates import roc_year

# 春 Jan–Mar, 夏 Apr–Jun, 秋 Jul–Sep, 冬 Oct–Dec.
VOLUMES = ("春", "夏", "秋", "冬")
VOLUME_NAMES_EN = {"春": "Spring", "夏": "Summer", "秋": "Autumn", "冬": "Winter"}


def volume_for(date):
    """The seasonal volume a publication date falls in."""
    return VOLUMES[(date.month - 1) // 3]


def roc_year_for(date):
    return roc_year(date.year)


def issue_label(year, volume, number):
    """113年夏字第5期"""
    return f"{year}年{volume}字第{number}期"


def issue_label_en(year, volume, number):
    return f"ROC year {year}, {VOLUME_NAMES_EN.get(volume, volume)} volume, No. {number}"


def issue_key(year, volume, number):
    """The issue's address in URLs and APIs: 113-夏-5."""
    return f"{year}-{volume}-{number}"


# ASCII digits: \d would also take other scripts' digits.
ISSUE_KEY = re.compile(r"([0-9]{1,3})-([春夏秋冬])-([0-9]{1,4})")


def parse_issue_key(text):
    """(roc_year, volume, number) from 113-夏-5, or None if it is not one."""
    match = ISSUE_KEY.fullmatch(text or "")
    if not match:
        return None
    return int(match[1]), match[2], int(match[3])


def check_issue_date(year, volume, date: datetime.date):
    """The error in an issue's numbering given its publication date, or None."""
    if roc_year_for(date) != year:
        return f"ROC year {year} does not match the publication date {date.isoformat()}"
    if volume_for(date) != volume:
        return f"volume {volume} does not match the publication date {date.isoformat()}"
    return None
