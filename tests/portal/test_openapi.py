"""The OpenAPI description at /api/openapi.json, and schemathesis against the live APIs.

The fuzzing here is short and derandomised so the suite stays fast and repeatable;
bench/openapi_fuzz.py runs the long version against the demo site."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from bulletin.document_types import ensure_standard_types
from bulletin.models import DocumentType
from petitions import actions, domain
from petitions.models import Kind
from petitions.open311 import issue_api_key
from tests.bulletin.helpers import gazette_index, load, record
from tests.opendata.page_makers import make_dataset
from tests.petitions.helpers import _agency

# Transactions for the live server's thread; the tests that use only the client say so,
# since emptying every table after each test is slow on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_description_is_valid_openapi_and_never_redirects(client):
    response = client.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    description = response.json()
    validate(description)
    paths = description["paths"]
    assert {"/api/gazette/documents.json", "/api/3/action/package_search",
            "/open311/v2/requests.{format}"} <= set(paths)
    assert set(paths["/open311/v2/requests.{format}"]) == {"get", "post"}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "value", "status"), [
    ("status", "", 200), ("status", "open,closed", 200), ("status", "open,", 400),
    ("status", "pending", 400), ("service_code", "", 200), ("service_code", "petition", 200),
    ("service_code", "petition,x", 400),
])
def test_open311_list_parameters_are_described_as_answered(client, name, value, status):
    """An empty list (what an HTML form sends) means all; the description once refused it."""
    parameters = client.get("/api/openapi.json").json()["paths"][
        "/open311/v2/requests.{format}"]["get"]["parameters"]
    schema = next(p["schema"] for p in parameters if p["name"] == name)
    response = client.get("/open311/v2/requests.json", {name: value})
    assert response.status_code == status
    assert Draft202012Validator(schema).is_valid(value) == (status == 200)


@pytest.fixture
def api_data(home, tmp_path):
    """A little of everything the APIs serve: gazette issues with documents, a correction
    and an attachment; two datasets; open and closed cases; a partner's Open311 key. The
    ids that the description gives as examples (113-春-1, gazette-issues, …) exist."""
    ensure_standard_types(DocumentType)  # a transactional test flushed the migrated ones
    gazette_index(home)
    attachment = tmp_path / "table.pdf"
    attachment.write_bytes(b"%PDF-1.4 table")
    first = load(
        record(1, title="高雄市機關車輛管理要點", type="行政規則", subtype=None,
               title_en="Vehicle management rules",
               attachments=[{"title": "附表", "path": str(attachment)}]),
        record(2, title="消費者保護稽查結果公告", subtype="公告",
               agency={"name": "高雄市政府法制局", "code": "397000100A"}),
        record(3, title="公示送達處分書", issue=(113, "春", 1, "2024-01-03")),
    )
    assert not first.errors
    load(record(4, title="更正車輛管理要點", type="其他", subtype="更正",
                correction_of=first.documents[0].document_number))
    make_dataset(home)
    make_dataset(home, identifier="gazette-issues", title="公報期數", tags=("公報",),
                 category="general-administration", file_format="JSON", content=b"[]",
                 filename="issues.json")
    petition, _code = domain.create_case(Kind.PETITION, {"subject": "路燈", "name": "王小明"})
    actions.assign(petition, _agency("397000300A"), None)
    complaint, _code = domain.create_case(Kind.COMPLAINT, {"stage": "first"})
    complaint.status = "closed"
    complaint.save()
    return issue_api_key("fuzzing partner")[1]


def test_apis_answer_as_described(live_server, api_data):
    """schemathesis (configured in schemathesis.toml) against the live APIs: no 5xx, and
    every status code, content type and body as /api/openapi.json says, for valid and
    invalid requests alike. Ten examples an operation, always the same ones."""
    result = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", f"{live_server.url}/api/openapi.json",
         # The coverage phase's hundreds of boundary cases are left to bench/openapi_fuzz.py.
         "--phases", "examples,fuzzing,stateful", "--max-examples", "10",
         "--generation-deterministic", "--workers", "1",
         "--exclude-path-regex", "^/api/action/",  # the same views as /api/3/action/
         "--no-color"],
        cwd=ROOT, env={**os.environ, "OPEN311_API_KEY": api_data}, capture_output=True,
        text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stdout[-30000:] + result.stderr[-5000:]
