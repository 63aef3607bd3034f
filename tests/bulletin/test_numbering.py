import datetime

import pytest

from bulletin import numbering


@pytest.mark.parametrize("month, volume", [(1, "春"), (3, "春"), (4, "夏"), (6, "夏"),
                                           (7, "秋"), (9, "秋"), (10, "冬"), (12, "冬")])
def test_volume_follows_the_quarter(month, volume):
    assert numbering.volume_for(datetime.date(2024, month, 15)) == volume


def test_label_key_and_parsing():
    assert numbering.issue_label(113, "夏", 5) == "113年夏字第5期"
    assert numbering.issue_key(113, "夏", 5) == "113-夏-5"
    assert numbering.parse_issue_key("113-夏-5") == (113, "夏", 5)
    assert numbering.parse_issue_key("113-summer-5") is None
    assert numbering.parse_issue_key("") is None


def test_issue_date_must_match_year_and_volume():
    assert numbering.check_issue_date(113, "夏", datetime.date(2024, 6, 5)) is None
    assert "volume" in numbering.check_issue_date(113, "春", datetime.date(2024, 6, 5))
    assert "year" in numbering.check_issue_date(112, "夏", datetime.date(2024, 6, 5))
