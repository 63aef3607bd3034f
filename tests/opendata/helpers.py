"""Helpers shared by the open-data tests."""

import json


def call(client, name, method="get", **params):
    if method == "post":
        return client.post(f"/api/3/action/{name}", json.dumps(params),
                           content_type="application/json")
    return client.get(f"/api/3/action/{name}", params)
