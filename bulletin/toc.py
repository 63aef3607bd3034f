"""An issue's table of contents: its documents grouped by top-level document type."""


def table_of_contents(documents):
    """[(top-level DocumentType, [documents])] in the types' order, then the documents'.
    `documents` must select_related("document_type__parent") to stay at one query."""
    groups = {}
    for document in documents:
        top = document.document_type.top
        groups.setdefault(top.pk, (top, []))[1].append(document)
    return sorted(groups.values(), key=lambda group: (group[0].sort_order, group[0].name))
