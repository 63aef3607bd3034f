"""The shared query-parameter reading (portal.params), its one error model, and each API's
rendering of that model in the format its clients read."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

from portal import params
from portal.pagination import page_number
from portal.security.limits import problem


class Numbers(params.QueryForm):
    parameters = {
        "page": params.IntegerParameter(min_value=1, max_value=50, signed=False,
                                        error_messages={"min_value": "at least %(limit_value)s"}),
        "offset": params.IntegerParameter(max_digits=3),
    }


class Everything(params.QueryForm):
    nul_message = "no NUL"
    parameters = {
        "day": params.DateParameter(after=datetime.date(1999, 12, 31),
                                    before=datetime.date(2100, 1, 1)),
        "colour": params.ChoiceParameter(choices=[("red", "Red"), ("blue", "Blue")]),
        "tag[]": params.ListParameter(choices=("a", "b")),
        "status": params.ListParameter(separator=",", choices=("open", "closed")),
        "q": params.IntegerParameter(),
    }


def errors_of(form_class, query):
    return params.ParamErrors(form_class(QueryDict(query)).param_errors())


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("text", ["²", "١٢", "1_000", "1.0", "0x10", "", "  "])
def test_integers_are_ascii_digits_only(text):
    assert not params.is_digits(text)
    form = Numbers(QueryDict(mutable=True) | {"offset": text})
    if text.strip():
        assert [(e.parameter, e.code) for e in form.param_errors()] == [("offset", "invalid")]
    else:
        assert form.param_errors() == [] and form.value("offset", 7) == 7


def test_integers_keep_within_their_bounds_and_digits():
    assert Numbers(QueryDict("page=50&offset=-999")).parse() == {"page": 50, "offset": -999}
    assert [(e.parameter, e.code, e.message)
            for e in errors_of(Numbers, "page=0&offset=1000").errors] == [
        ("page", "min_value", "at least 1"), ("offset", "invalid", "Enter a whole number.")]
    assert errors_of(Numbers, "page=51").errors[0].code == "max_value"
    assert errors_of(Numbers, "page=-1").errors[0].code == "invalid"  # unsigned
    # Past int()'s 4,300 digits: refused as malformed, not a ValueError from int().
    assert errors_of(Numbers, "page=" + "9" * 5000).errors[0].code == "invalid"


def test_dates_choices_and_lists():
    data = Everything(QueryDict(
        "day=2024-06-05&colour=+red+&tag=a&tag[]=b&tag[]=+&status=open,+closed,")).parse()
    assert data == {"day": datetime.date(2024, 6, 5), "colour": "red", "tag[]": ["b", "a"],
                    "status": ["open", "closed"], "q": None}
    errors = errors_of(Everything, "day=1999-12-31&colour=green&tag=c&tag=a&status=shut")
    assert [(e.parameter, e.code) for e in errors.errors] == [
        ("day", "invalid"), ("colour", "invalid_choice"), ("tag[]", "invalid_choice"),
        ("status", "invalid_choice")]
    assert errors.by_parameter()["tag[]"] == "Unknown values: c"
    assert errors_of(Everything, "day=2024-02-30").errors[0].parameter == "day"
    exact = params.ListParameter(separator=",", strip=False, choices=("open", "closed"))
    assert params.read("status", exact, "open,closed") == ["open", "closed"]
    for written in ("open,", "open, closed", ","):
        with pytest.raises(params.ParamErrors):
            params.read("status", exact, written)


def test_a_nul_is_reported_once_per_parameter_before_the_fields_errors():
    errors = errors_of(Everything, "x=%00&q=1%00&colour=red")
    assert [(e.parameter, e.code, e.message) for e in errors.errors] == [
        ("x", "nul", "no NUL"), ("q", "nul", "no NUL"),
        ("q", "invalid", "Enter a whole number.")]
    # {parameter: message}: the last message of each, in the order they were first named.
    assert errors.by_parameter() == {"x": "no NUL", "q": "Enter a whole number."}
    assert params.nul_parameters({"a": "b", "c\x00": "d"}) == ["c\x00"]


def test_messages_are_in_the_users_language():
    with translation.override("zh-hant"):
        errors = errors_of(Everything, "day=tomorrow&tag=z")
        assert errors.by_parameter() == {"day": "請以 YYYY-MM-DD 格式輸入日期。",
                                         "tag[]": "無法辨識的值：z"}


@pytest.mark.parametrize("page, number", [
    ("", 1), ("3", 3), ("0", 1), ("-2", 1), ("²", 1), ("abc", 1), (str(10**40), 10**40)])
def test_a_listings_page_number_is_never_an_error(page, number):
    assert page_number(RequestFactory().get("/", {"page": page})) == number


def test_the_apis_that_check_nul_themselves_register_their_prefixes(db):
    assert sorted(params.own_nul_check_prefixes()) == [
        "/api/3/action/", "/api/action/", "/api/gazette/", "/open311/"]
    for path in ("/api/gazette/documents.json", "/api/3/action/package_search",
                 "/open311/v2/requests.json"):
        assert problem(RequestFactory().get(path, {"q": "\x00"})) is None, path
    assert problem(RequestFactory().get("/search/", {"q": "\x00"}))[0] == 400


def test_each_api_renders_the_error_model_in_its_own_format(client, db):
    gazette = client.get("/api/gazette/documents.json", {"page": "0", "order": "up"})
    assert gazette.status_code == 400
    # In the page's language (Chinese by default), by parameter, in the order of the fields.
    assert gazette.content.decode() == (
        '{"errors": {"order": "須為 relevance、newest 或 oldest", "page": "須至少為 1"}}')

    ckan = client.get("/api/3/action/package_search", {"rows": "²"})
    assert ckan.status_code == 409
    body = ckan.json()
    assert body["success"] is False
    assert body["error"] == {"__type": "Validation Error", "message": "rows: Invalid integer"}
    assert body["help"].endswith("/api/3/action/help_show?name=package_search")

    georeport = client.get("/open311/v2/requests.json", {"status": "shut"})
    assert georeport.status_code == 400
    assert json.loads(georeport.content) == [{
        "code": 400,
        "description": "status must be one or more of open, closed, separated by commas"}]
    as_xml = client.get("/open311/v2/requests.xml", {"start_date": "yesterday"})
    error = ET.fromstring(as_xml.content).find("error")
    assert as_xml.status_code == 400 and error.findtext("code") == "400"
    assert error.findtext("description") == "start_date is not an ISO 8601 date and time"
