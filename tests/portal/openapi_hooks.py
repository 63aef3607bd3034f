"""schemathesis hooks for fuzzing the portal's APIs, loaded by the suite and the bench with
SCHEMATHESIS_HOOKS=tests.portal.openapi_hooks.

- Open311 POST needs an API key that an administrator issued: the run's key comes from
  OPEN311_API_KEY and replaces whatever key was generated, so the other fields get tested.
- schemathesis reads no XML: Open311's XML answers are read here, element by element, along
  the response schema (the `xml` names the description gives), so the same schema checks
  them as checks the JSON."""

import os
import re
import xml.etree.ElementTree as ET

import schemathesis

INTEGER = re.compile(r"-?[0-9]+")


@schemathesis.hook
def before_call(context, case, kwargs):
    key = os.environ.get("OPEN311_API_KEY")
    if key and case.method == "POST" and case.path.startswith("/open311/") \
            and isinstance(case.body, dict) and "api_key" in case.body:
        case.body["api_key"] = key


def _resolve(schema, document):
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _is_empty(element):
    return element is None or (not len(element) and not (element.text or "").strip())


def _read(element, schema, document):
    schema = _resolve(schema, document)
    if "anyOf" in schema:
        options = [_resolve(option, document) for option in schema["anyOf"]]
        nullable = any(option.get("type") == "null" for option in options)
        if nullable and _is_empty(element):
            return None
        schema = next(option for option in options if option.get("type") != "null")
    kind = schema.get("type")
    if kind == "array":
        return [_read(child, schema["items"], document) for child in element]
    if kind == "object":
        properties = schema.get("properties", {})
        return {child.tag: _read(child, properties.get(child.tag, {}), document)
                for child in element}
    text = element.text or ""
    if kind == "null" and not text:
        return None
    if kind == "boolean" or isinstance(schema.get("const"), bool):
        return {"true": True, "false": False}.get(text, text)
    if kind == "integer" and INTEGER.fullmatch(text):
        return int(text)
    return text


@schemathesis.deserializer("text/xml")
def open311_xml(ctx, response):
    operation = ctx.operation
    document = operation.schema.raw_schema
    responses = document["paths"][operation.path][operation.method.lower()]["responses"]
    schema = _resolve(responses[str(response.status_code)]["content"]["text/xml"]["schema"],
                      document)
    root = ET.fromstring(response.content)
    named = schema.get("xml", {}).get("name")
    if root.tag != named:
        raise ValueError(f"the root element is <{root.tag}>, the description says <{named}>")
    return _read(root, schema, document)
