"""The standard gazette document types, seeded by a migration and by the demo content.

The demo needs them too: a test that flushes the database (a live-server test) removes
what migrations seeded.
"""

# The Executive Yuan Gazette's two-level types; editors may change them afterwards.
STANDARD_TYPES = [
    ("法規", "Regulations", [("自治條例", "Autonomous ordinances"),
                             ("自治規則", "Autonomous rules"),
                             ("委辦規則", "Delegated rules")]),
    ("行政規則", "Administrative rules", []),
    ("令", "Orders", []),
    ("公告", "Announcements", [("公告", "Announcements"),
                               ("公示送達", "Service by publication"),
                               ("一般處分", "General dispositions")]),
    ("人事", "Personnel", []),
    ("其他", "Other", [("更正", "Corrections")]),
]


# Drafts published for comment, with a comment deadline (bulletin.consultations).
DRAFT_TYPE = ("法規預告", "Draft regulations for comment")


def ensure_draft_type(document_type_model):
    """The type of drafts for comment, created if missing (one an editor renamed is found by
    its flag)."""
    if document_type_model.objects.filter(takes_comments=True).exists():
        return
    name, name_en = DRAFT_TYPE
    document_type_model.objects.update_or_create(
        parent=None, name=name, defaults={"name_en": name_en, "takes_comments": True,
                                          "sort_order": len(STANDARD_TYPES)})


def ensure_standard_types(document_type_model):
    """Create any missing standard type; existing ones (perhaps edited) are left alone."""
    for order, (name, name_en, subtypes) in enumerate(STANDARD_TYPES):
        parent, _ = document_type_model.objects.get_or_create(
            parent=None, name=name, defaults={"name_en": name_en, "sort_order": order})
        for sub_order, (sub_name, sub_en) in enumerate(subtypes):
            document_type_model.objects.get_or_create(
                parent=parent, name=sub_name, defaults={"name_en": sub_en,
                                                        "sort_order": sub_order})
    # Migration 0002 runs this on the model before it had the flag; 0010 adds the type.
    if any(field.name == "takes_comments" for field in document_type_model._meta.fields):
        ensure_draft_type(document_type_model)
