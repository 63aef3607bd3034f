"""schemathesis hooks for fuzzing the portal's APIs, loaded by the suite and the bench with
SCHEMATHESIS_HOOKS=tests.portal.openapi_hooks.

- Open311 POST needs an API key that an administrator issued: the run's key comes from
  OPEN311_API_KEY and replaces whatever key was generated, so the other fields get tested.
- schemathesis reads no XML: Open311's XML answers are read here, element by element, along
  the response schema (the `xml` names the description gives), so the same schema checks
  them as checks the JSON.
- A "negative" case that the query string turns back into a valid request is dropped (see
  filter_case)."""

import os
import re
import xml.etree.ElementTree as ET

import schemathesis
from schemathesis.generation import GenerationMode

INTEGER = re.compile(r"-?[0-9]+")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")


@schemathesis.hook
def before_call(context, case, kwargs):
    key = os.environ.get("OPEN311_API_KEY")
    if key and case.method == "POST" and case.path.startswith("/open311/") \
            and isinstance(case.body, dict) and "api_key" in case.body:
        case.body["api_key"] = key


def _is_plain_string_array(schema):
    items = schema.get("items", {})
    return schema.get("type") == "array" and items.get("type") == "string" \
        and not {"enum", "pattern", "const", "minLength", "maxLength"} & set(items)


@schemathesis.hook
def filter_case(context, case):
    """schemathesis 4.32 makes some negative cases that the wire makes valid again: a query
    parameter set to None is not sent at all, and a number or boolean in place of an array of
    strings arrives as a one-item list of a valid string (schemathesis issue #3056), and an
    object or a null inside a list arrives as empty text or "null". The API rightly answers
    200, which the fuzzer would report as invalid data accepted."""
    if case.meta is None or case.meta.generation.mode != GenerationMode.NEGATIVE:
        return True
    operation = context.operation
    described = operation.schema.raw_schema["paths"][operation.path][operation.method.lower()]
    strings = {parameter["name"] for parameter in described.get("parameters", [])
               if parameter["in"] == "query" and _is_plain_string_array(parameter["schema"])}
    arrays = {parameter["name"] for parameter in described.get("parameters", [])
              if parameter["in"] == "query" and parameter["schema"].get("type") == "array"}
    for name, value in (case.query or {}).items():
        if value is None or (name in strings and isinstance(value, (bool, int, float))):
            return False
        if _lost_on_the_wire(value, name in arrays):
            return False
    return True


def _lost_on_the_wire(value, array):
    """A query string holds only text: an object, a list where one value is described, or a
    null inside a list, is sent as empty text or as "null", which the API rightly reads."""
    if isinstance(value, dict) or (isinstance(value, list) and not array):
        return True
    return isinstance(value, list) and any(item is None or isinstance(item, (list, dict))
                                           for item in value)


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
    if kind == "number" and NUMBER.fullmatch(text):
        return float(text)
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
