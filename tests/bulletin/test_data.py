import json

from bulletin import data
from opendata import generators
from tests.bulletin.helpers import gazette_index, load, record


def test_issue_rows_and_version(home):
    gazette_index(home)
    assert data.issue_rows() == []
    empty = data.version()
    load(record(1), record(2), record(3, issue=(113, "秋", 1, "2024-07-03")))
    assert data.issue_rows() == [
        {"roc_year": 113, "volume": "夏", "number": 5, "publication_date": "2024-06-05",
         "documents": 2},
        {"roc_year": 113, "volume": "秋", "number": 1, "publication_date": "2024-07-03",
         "documents": 1},
    ]
    loaded = data.version()
    assert loaded != empty
    load(record(4))
    assert data.version() != loaded


def test_home_section_shows_the_latest_issue(client, home):
    gazette_index(home)
    load(record(1, title="較早的公告"), record(2, title="最新一期的公告",
                                            issue=(113, "秋", 1, "2024-07-03")))
    text = client.get("/").content.decode()
    assert "113年秋字第1期" in text and "最新一期的公告" in text and "較早的公告" not in text


def test_issue_list_is_a_live_open_dataset(home):
    gazette_index(home)
    load(record(1))
    rows = json.loads(generators.render("gazette-issues", "JSON").content)
    assert rows == [{"roc_year": 113, "volume": "夏", "number": 5,
                     "publication_date": "2024-06-05", "documents": 1}]
