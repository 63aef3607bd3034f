

from bulletin.demo import records


def test_demo_records_cover_the_kinds_the_issue_asks_for():
    data = records()
    kinds = {(r["type"], r["subtype"]) for r in data}
    assert {("公告", "公示送達"), ("公告", "公告"), ("行政規則", None), ("法規", "自治規則"),
            ("其他", "更正")} <= kinds
    assert len(data) >= 300
    assert len({(r["issue"]["volume"], r["issue"]["number"]) for r in data}) >= 20
    assert any(r["title_en"] for r in data) and not all(r["title_en"] for r in data)
    numbers = [r["document_number"] for r in data]
    assert len(numbers) == len(set(numbers))
