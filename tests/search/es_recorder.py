"""An elastic_transport node that records what the client would send, answering like an
empty Elasticsearch 8 server, so tests see the exact requests without a server."""

import json

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse


class RecordingNode(BaseNode):
    requests = []

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        self.requests.append((method, target, json.loads(body) if body else None))
        if "/_search" in target:
            answer = {"took": 1, "timed_out": False,
                      "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}
        else:
            answer = {"acknowledged": True}
        meta = ApiResponseMeta(
            status=200, http_version="1.1", duration=0.0, node=self.config,
            headers=HttpHeaders({"content-type": "application/json",
                                 "x-elastic-product": "Elasticsearch"}))
        return NodeApiResponse(meta, json.dumps(answer).encode())
