"""Plain-data views of gazette documents and issues for the API, the CSV and the export.
Dates are ISO 8601; times carry the Taipei offset (+08:00)."""

from portal.dates import iso8601

from . import numbering
from .models import GazetteAttachment, public_documents

FIELDS = ("id", "document_number", "title", "title_en", "type", "subtype", "agency", "issue",
          "signing_date", "effective_date", "comment_deadline", "html_url", "json_url",
          "attachments", "correction_of", "corrections")


def issue_data(issue):
    return {"roc_year": issue.roc_year, "volume": issue.volume, "number": issue.number,
            "publication_date": iso8601(issue.publication_date)}


def document_data(document, request, corrections=(), attachments=(), body=False):
    """`corrections` and `attachments` are passed in, fetched for a whole page at once."""
    base = request.build_absolute_uri("/").rstrip("/")
    document_type = document.document_type
    data = {
        "id": document.pk,
        "document_number": document.document_number,
        "title": document.title,
        "title_en": document.title_en or None,
        "type": document_type.top.name,
        "subtype": document_type.subtype_name,
        "agency": {"name": document.agency.name, "code": document.agency.code},
        "issue": issue_data(document.issue) if document.issue_id else None,
        "signing_date": iso8601(document.signing_date),
        "effective_date": iso8601(document.effective_date),
        # 表示意見截止日期 of a draft regulation (法規預告), null for other documents.
        "comment_deadline": iso8601(document.comment_deadline),
        "html_url": request.build_absolute_uri(document.get_url(request)),
        "json_url": f"{base}/api/gazette/documents/{document.pk}.json",
        "attachments": [{"title": attachment.title,
                         "url": base + attachment.document.url,
                         "size": attachment.document.file_size,
                         "format": attachment.document.file_extension.lower()}
                        for attachment in attachments],
        "correction_of": document.correction_of_id,
        "corrections": list(corrections),
    }
    if body:
        data["body_html"] = document.body
        data["keywords"] = document.keyword_list
    return data


# The CSV's columns for each field that is not one plain value, so that every cell is one:
# spreadsheets and data frames read no JSON. Lists are space-separated (URLs and ids hold
# no spaces).
CSV_COLUMNS = {
    "agency": ("agency_name", "agency_code"),
    "issue": ("issue", "issue_label", "publication_date"),
    "attachments": ("attachment_urls",),
}


def csv_columns(fields):
    """The CSV's flat columns for these fields (of FIELDS), in their order."""
    return [column for name in fields for column in CSV_COLUMNS.get(name, (name,))]


def _issue_cells(issue):
    if issue is None:
        return {"issue": "", "issue_label": "", "publication_date": ""}
    number = (issue["roc_year"], issue["volume"], issue["number"])
    # The key, as conditions[issue] takes it, and the issue's official (Chinese) name.
    return {"issue": numbering.issue_key(*number), "issue_label": numbering.issue_label(*number),
            "publication_date": issue["publication_date"]}


def csv_row(data):
    """{column: cell} for one document's `document_data` (or some of its fields)."""
    cells = {}
    for name, value in data.items():
        if name == "agency":
            cells.update(agency_name=value["name"], agency_code=value["code"])
        elif name == "issue":
            cells.update(_issue_cells(value))
        elif name == "attachments":
            cells["attachment_urls"] = " ".join(attachment["url"] for attachment in value)
        elif name == "corrections":
            cells[name] = " ".join(str(pk) for pk in value)
        else:
            cells[name] = "" if value is None else value
    return cells


def page_extras(documents):
    """({document id: [correction ids]}, {document id: [attachments]}) in two queries."""
    ids = [document.pk for document in documents]
    corrections = {}
    for pk, corrected in (public_documents().filter(correction_of__in=ids)
                          .values_list("pk", "correction_of")):
        corrections.setdefault(corrected, []).append(pk)
    attachments = {}
    for attachment in (GazetteAttachment.objects.filter(page__in=ids)
                       .select_related("document").order_by("sort_order")):
        attachments.setdefault(attachment.page_id, []).append(attachment)
    return corrections, attachments
