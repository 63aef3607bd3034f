"""The OpenAPI description of the gazette API (api.py), after the Federal Register API.
wagtail_hooks.py registers it; portal.openapi serves it in /api/openapi.json. Enumerations
come from the API's own constants, so they cannot drift apart."""

from django.conf import settings

from portal.openapi import (
    COUNT,
    DATE,
    STRING,
    URI,
    ApiDescription,
    closed_object,
    json_response,
    nullable,
    or_empty,
    path_parameter,
    query,
    ref,
)

from . import api, conf
from .conditions import ORDERS
from .facets import FACETS
from .numbering import VOLUMES
from .serializers import CSV_COLUMNS, FIELDS, csv_columns

_ISSUE_KEY = {"type": "string", "pattern": "^[0-9]{1,3}-[春夏秋冬]-[0-9]{1,4}$",
              "examples": ["113-春-1"]}


def _any_case(code):
    """A pattern taking `code` in any case (JSON Schema's patterns have no flags)."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in code)


def _locale_parameter():
    codes = [code for code, _name in settings.LANGUAGES]
    return query(api.LOCALE, or_empty({
        "type": "string", "pattern": f"^({'|'.join(_any_case(code) for code in codes)})$",
        "examples": codes}),
        f"The language of error messages ({', '.join(codes)}; any case). Without it, the "
        "request's Accept-Language; Chinese by default. The answers themselves are the "
        "same in every language.")


def _gazette_schemas():
    issue = closed_object({
        "roc_year": {"type": "integer", "minimum": 1, "description": "ROC year (AD − 1911)"},
        "volume": {"type": "string", "enum": list(VOLUMES),
                   "description": "season: 春 Jan–Mar, 夏 Apr–Jun, 秋 Jul–Sep, 冬 Oct–Dec"},
        "number": {"type": "integer", "minimum": 1},
        "publication_date": DATE,
    })
    document = {
        "id": {"type": "integer", "minimum": 1},
        "document_number": {"type": "string", "description": "發文字號"},
        "title": STRING,
        "title_en": nullable(STRING),
        "type": {"type": "string", "description": "top-level document type, e.g. 公告"},
        "subtype": nullable(STRING),
        "agency": ref("GazetteAgency"),
        "issue": nullable(ref("GazetteIssueNumber")),
        "signing_date": DATE,
        "effective_date": nullable(DATE),
        "comment_deadline": nullable({**DATE, "description": (
            "表示意見截止日期: the last day (Asia/Taipei) to comment on a draft regulation "
            "(法規預告); null for every other document")}),
        "html_url": URI,
        "json_url": URI,
        "attachments": {"type": "array", "items": ref("GazetteAttachment")},
        "correction_of": nullable({"type": "integer", "minimum": 1}),
        "corrections": {"type": "array", "items": {"type": "integer", "minimum": 1}},
    }
    assert set(document) == set(FIELDS), "describe every field the API serialises"
    return {
        "GazetteErrors": closed_object({"errors": {
            "type": "object", "additionalProperties": STRING, "minProperties": 1,
            "description": "a message for each parameter that was refused, in the language "
                           "asked for (`locale`, else Accept-Language; Chinese by default)"}}),
        "GazetteAgency": closed_object({"name": STRING, "code": STRING}),
        "GazetteIssueNumber": issue,
        "GazetteAttachment": closed_object({"title": STRING, "url": URI,
                                            "size": nullable(COUNT), "format": STRING}),
        "GazetteDocument": closed_object(document),
        "GazetteDocumentFields": closed_object(
            document, required=[], minProperties=1,
            description="A document with the fields asked for with `fields[]`, or all of them."),
        "GazetteDocumentDetail": closed_object({**document, "body_html": STRING,
                                                "keywords": {"type": "array", "items": STRING}}),
        "GazetteSearch": closed_object({
            "count": COUNT,
            "total_pages": {"type": "integer", "minimum": 1},
            "next_page_url": nullable(URI),
            "previous_page_url": nullable(URI),
            "results": {"type": "array", "items": ref("GazetteDocumentFields")},
        }),
        "GazetteIssue": closed_object({
            **issue["properties"],
            "title": STRING, "html_url": URI, "pdf_url": nullable(URI),
            "documents": {"type": "array", "items": ref("GazetteDocument")},
        }),
        **_citation_schemas(issue, document),
    }


def _citation_schemas(issue, document):
    """The facets' counts and the citation resolver's answers."""
    html_urls = closed_object(
        {language: URI for language, _name in settings.LANGUAGES},
        description="Where a reader of each language reads it.")
    citation = {"type": "string", "description": "The citation as looked up: full-width "
                                                "characters folded, whitespace removed."}
    return {
        "GazetteFacetCount": closed_object({
            "count": {"type": "integer", "minimum": 1}, "name": STRING,
            "name_en": nullable(STRING)}),
        "GazetteFacets": {
            "type": "object", "additionalProperties": ref("GazetteFacetCount"),
            "description": "{value: counts}, most documents first; each value is what the "
                           "search takes as the condition (a type, an agency's code, a "
                           "year)."},
        "GazetteCitation": {"oneOf": [
            closed_object({"citation": citation, "kind": {"const": "document"},
                           "document": closed_object({**document, "html_urls": html_urls})}),
            closed_object({"citation": citation, "kind": {"const": "issue"},
                           "issue": closed_object({
                               **issue["properties"], "key": _ISSUE_KEY, "title": STRING,
                               "json_url": URI, "html_urls": html_urls})}),
        ]},
        "GazetteCitationChoice": closed_object({
            "citation": citation, "kind": {"const": "documents"},
            "documents": {"type": "array", "minItems": 2, "items": ref("GazetteDocument")},
            "search_url": URI,
        }),
    }


def _gazette_search_parameters():
    strings = {"type": "array", "items": STRING}
    date = or_empty(DATE)
    return [
        query("conditions[term]", STRING, "Full-text search; only the first 200 characters "
              "count."),
        query("conditions[type][]", strings, "Document types or subtypes, e.g. 公告, 公示送達."),
        query("conditions[agency][]", strings, "Issuing agencies' codes, e.g. 397000000A."),
        query("conditions[publication_date][is]", date, "Published on this day."),
        query("conditions[publication_date][gte]", date, "Published on or after this day."),
        query("conditions[publication_date][lte]", date, "Published on or before this day."),
        query("conditions[publication_date][year]",
              or_empty({"type": "integer", "minimum": 1912, "maximum": 2200}),
              "Published in this year."),
        query("conditions[signing_date][gte]", date, "Signed on or after this day."),
        query("conditions[signing_date][lte]", date, "Signed on or before this day."),
        query("conditions[issue]", or_empty(_ISSUE_KEY), "In this issue, e.g. 113-夏-5."),
        query("conditions[document_number]", STRING, "This 發文字號, exactly."),
        query("order", or_empty({"type": "string", "enum": list(ORDERS)}),
              "Default: relevance with a term, newest without."),
        query("per_page", or_empty({"type": "integer", "minimum": 1,
                                    "maximum": conf.api_max_per_page()}),
              f"Default 20, at most {conf.api_max_per_page():,}: a larger page is refused "
              "with 400 (walk the pages with `page`)."),
        query("page", or_empty({"type": "integer", "minimum": 1}), "Default 1."),
        query("fields[]", {"type": "array",
                           "items": or_empty({"type": "string", "enum": list(FIELDS)})},
              "Only these fields in each result (all when absent; an empty value is "
              "ignored)."),
        _locale_parameter(),
    ]


_GAZETTE_400 = json_response(ref("GazetteErrors"),
                             "A parameter was refused; `errors` says which.")
_GAZETTE_404 = json_response(ref("GazetteErrors"), "No such published document or issue.")


_SEARCH_NOTE = ("Any other `conditions[...]` parameter is refused with 400, naming it. Lists "
                "may also be written without `[]`, as `conditions[type]=公告`.")

_CSV_NOTE = (
    "One page of matches, one row each, every cell one plain value (no JSON). Columns: "
    f"{', '.join(csv_columns(FIELDS))}. `fields[]` names the JSON's fields: "
    + "; ".join(f"`{name}` gives {', '.join(columns)}" for name, columns in CSV_COLUMNS.items())
    + ". `issue` is the issue's key (113-夏-5), `issue_label` its name (113年夏字第5期), "
    "`publication_date` its day; `attachment_urls` and `corrections` are space-separated.")


def _gazette_paths():
    search = _gazette_search_parameters()
    return {
        "/api/gazette/documents.json": {"get": {
            "operationId": "gazetteDocuments", "tags": ["gazette"],
            "summary": "Search the gazette's documents", "parameters": search,
            "description": _SEARCH_NOTE,
            "responses": {
                "200": {**json_response(ref("GazetteSearch"), "One page of matches."),
                        "links": {"document": {
                            "operationId": "gazetteDocument",
                            "parameters": {"document_id": "$response.body#/results/0/id"},
                        }}},
                "400": _GAZETTE_400,
            },
        }},
        "/api/gazette/documents.csv": {"get": {
            "operationId": "gazetteDocumentsCsv", "tags": ["gazette"],
            "summary": "The same search as a CSV file (UTF-8 with a byte-order mark)",
            "parameters": search, "description": _SEARCH_NOTE,
            "responses": {
                "200": {"description": _CSV_NOTE,
                        "content": {"text/csv": {"schema": STRING}}},
                "400": _GAZETTE_400,
            },
        }},
        "/api/gazette/documents/{document_id}.json": {"get": {
            "operationId": "gazetteDocument", "tags": ["gazette"],
            "summary": "One document, with its body",
            "parameters": [path_parameter("document_id", {"type": "integer", "minimum": 0},
                                          "The document's id."), _locale_parameter()],
            "responses": {"200": json_response(ref("GazetteDocumentDetail"), "The document."),
                          "400": _GAZETTE_400, "404": _GAZETTE_404},
        }},
        **_facet_and_citation_paths(search),
        "/api/gazette/issues/{issue}.json": {"get": {
            "operationId": "gazetteIssue", "tags": ["gazette"],
            "summary": "One issue and its documents",
            "parameters": [path_parameter("issue", _ISSUE_KEY,
                                          "ROC year, volume and number: 113-夏-5."),
                           _locale_parameter()],
            "responses": {"200": json_response(ref("GazetteIssue"), "The issue."),
                          "400": _GAZETTE_400, "404": _GAZETTE_404},
        }},
    }


def _facet_and_citation_paths(search):
    conditions = [parameter for parameter in search
                  if parameter["name"].startswith("conditions[")]
    return {
        "/api/gazette/documents/facets/{facet}": {"get": {
            "operationId": "gazetteDocumentFacets", "tags": ["gazette"],
            "summary": "How many documents the search finds per type, agency or year",
            "description": "As the Federal Register API's /documents/facets/{facet}: the "
                           "search's conditions; only published documents count.",
            "parameters": [
                path_parameter("facet", {"type": "string", "enum": list(FACETS)},
                               "type: top-level document types; agency: issuing agencies "
                               "by code; year: years of publication."),
                *conditions, _locale_parameter()],
            "responses": {
                "200": json_response(ref("GazetteFacets"), "The counts."),
                "400": _GAZETTE_400,
                "404": json_response(ref("GazetteErrors"), "No such facet."),
            },
        }},
        "/api/gazette/cite/{citation}": {"get": {
            "operationId": "gazetteCitation", "tags": ["gazette"],
            "summary": "The issue or document a citation names",
            "description": "An issue (113年夏字第5期 or 113-夏-5) or a document number "
                           "(發文字號), full-width characters and whitespace allowed. "
                           "/gazette/cite/{citation} (and /en/gazette/cite/{citation}) "
                           "redirects a reader there.",
            "parameters": [path_parameter(
                "citation", {"type": "string", "examples": ["113-春-1", "113年春字第1期"]},
                "An issue or a 發文字號."), _locale_parameter()],
            "responses": {
                "200": json_response(ref("GazetteCitation"), "The one issue or document."),
                "400": _GAZETTE_400,
                "300": json_response(ref("GazetteCitationChoice"),
                                     "Several documents have this 發文字號."),
                "404": json_response(ref("GazetteErrors"),
                                     "No published issue or document has this citation."),
            },
        }},
    }


def description():
    return ApiDescription(
        tag="gazette", title="電子公報",
        summary="the electronic gazette's search API (shaped after the US Federal Register "
                "API)",
        paths=_gazette_paths(), schemas=_gazette_schemas(), order=10)
