"""Production logs are JSON lines with a request id, and blank addresses and phone numbers
that a library's message or traceback carries."""

import json
import logging

from portal.logs import RequestIdFilter
from search.elasticsearch import search_backends
from tests.portal.helpers import production_env, run_manage

LOG_SOME = """
import logging
logging.getLogger("petitions.tasks").warning("receipt e-mail for case %s not sent", "P113-000042")
try:
    raise OSError("550 5.1.1 <meihui.lin@example.org>: rejected; call 0933-456-789")
except OSError:
    logging.getLogger("django.request").exception("Internal Server Error: /cases/")
"""


def test_production_logs_are_json_lines_without_addresses(tmp_path):
    result = run_manage("shell", "-c", LOG_SOME, env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    warning, error = records[-2:]
    assert {"time", "level", "logger", "message", "request_id"} <= set(warning)
    assert (warning["level"], warning["logger"]) == ("WARNING", "petitions.tasks")
    assert warning["message"] == "receipt e-mail for case P113-000042 not sent"
    assert error["level"] == "ERROR" and "OSError" in error["exception"]
    assert "[e-mail]" in error["exception"] and "[phone]" in error["exception"]
    assert "meihui.lin" not in result.stderr and "0933" not in result.stderr


class Recorded(logging.Handler):
    def __init__(self):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.records = []

    def emit(self, record):
        self.records.append(record)


def test_each_request_has_an_id_in_its_logs_and_its_response(client, db, settings):
    # A search backend that does not answer makes /healthz log during the request.
    settings.WAGTAILSEARCH_BACKENDS = search_backends("http://127.0.0.1:1", "logtest")
    handler = Recorded()
    logger = logging.getLogger("portal.health")
    logger.addHandler(handler)
    try:
        response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c21")
        other = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")
    finally:
        logger.removeHandler(handler)
    assert response["X-Request-ID"] == "lb-7f3a9c21"  # the proxy's id is kept
    assert len(other["X-Request-ID"]) == 32 and other["X-Request-ID"] != "<script>"
    assert [r.request_id for r in handler.records] == ["lb-7f3a9c21", other["X-Request-ID"]]
