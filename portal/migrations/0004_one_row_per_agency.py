"""One row per agency and language, references on the canonical row.

The gazette importer matched agencies by their exact code, so "397040000a" or a full-width
code made a second 研考會; and references went to English rows, which hid cases from their
officers. This merges rows whose normalised codes are equal within a language (keeping the
row already linked to its translations), links an agency's rows in other languages to its
default-language row by translation_key, and repoints every foreign key, many-to-many
relation and page revision to the canonical (default-language) row."""

import unicodedata
from collections import defaultdict

from django.conf import settings
from django.db import migrations


def normalise_code(code):
    # As portal.models.normalise_code; a migration keeps its own copy of the rule.
    return unicodedata.normalize("NFKC", str(code)).strip().upper()


def _keeper(rows, code, shared_keys):
    """The row a language keeps of an agency: the one already written as the code, then the
    one linked to translations, then the oldest."""
    return min(rows, key=lambda row: (row.code != code, row.translation_key not in shared_keys,
                                      row.pk))


def plan(agencies, default_locale_id):
    """(replace, delete, updates): {old pk: new pk} for references, the pks of the merged
    rows to delete, and {pk: {field: value}} for the rows kept."""
    by_code = defaultdict(list)
    for row in agencies:
        by_code[normalise_code(row.code)].append(row)
    replace, delete, updates = {}, set(), {}
    for code, rows in by_code.items():
        locales = defaultdict(list)
        for row in rows:
            locales[row.locale_id].append(row)
        keys_by_locale = defaultdict(set)
        for row in rows:
            keys_by_locale[row.translation_key].add(row.locale_id)
        shared = {key for key, locale_ids in keys_by_locale.items() if len(locale_ids) > 1}
        kept = {locale_id: _keeper(members, code, shared) for locale_id, members in
                locales.items()}
        for locale_id, members in locales.items():
            for row in members:
                if row.pk != kept[locale_id].pk:
                    replace[row.pk] = kept[locale_id].pk
                    delete.add(row.pk)
        canonical = kept.get(default_locale_id)
        for locale_id, row in kept.items():
            change = {}
            if row.code != code:
                change["code"] = code
            if canonical is not None and row.pk != canonical.pk:
                replace[row.pk] = canonical.pk
                if row.translation_key != canonical.translation_key:
                    change["translation_key"] = canonical.translation_key
            if change:
                updates[row.pk] = change
        if canonical is not None:
            # References to a merged row of another language go to the canonical row.
            for old, new in list(replace.items()):
                if new in {row.pk for row in kept.values()} and new != canonical.pk:
                    replace[old] = canonical.pk
    return replace, delete, updates


def _agency_fields(apps):
    """(model, field) for every foreign key and many-to-many field to portal.Agency."""
    agency = apps.get_model("portal", "Agency")
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is agency:
                yield model, field


def _repoint_revisions(apps, model, field, replace):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label=model._meta.app_label,
                                              model=model._meta.model_name).first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        value = revision.content.get(field.name)
        if field.many_to_many and isinstance(value, list):
            new = list(dict.fromkeys(replace.get(pk, pk) for pk in value))
        elif isinstance(value, int):
            new = replace.get(value, value)
        else:
            continue
        if new != value:
            revision.content[field.name] = new
            revision.save(update_fields=["content"])


def repoint(apps, replace):
    for model, field in _agency_fields(apps):
        if field.many_to_many:
            through = field.remote_field.through
            owner = field.m2m_field_name()
            target = field.m2m_reverse_field_name()
            for link in through.objects.filter(**{f"{target}__in": list(replace)}):
                new = replace[getattr(link, f"{target}_id")]
                if through.objects.filter(**{owner: getattr(link, f"{owner}_id"),
                                             target: new}).exists():
                    link.delete()
                else:
                    through.objects.filter(pk=link.pk).update(**{target: new})
        else:
            for old, new in replace.items():
                model._base_manager.filter(**{field.attname: old}).update(**{field.attname: new})
        _repoint_revisions(apps, model, field, replace)
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    ContentType = apps.get_model("contenttypes", "ContentType")
    agency_type = ContentType.objects.filter(app_label="portal", model="agency").first()
    if agency_type is not None:
        references = ReferenceIndex.objects.filter(to_content_type=agency_type,
                                                   to_object_id__in=[str(pk) for pk in replace])
        # Rebuilt as each object is next saved; stale entries would list removed rows.
        references.delete()


def merge_agencies(apps, schema_editor):
    Agency = apps.get_model("portal", "Agency")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    replace, delete, updates = plan(list(Agency.objects.order_by("pk")),
                                    default.pk if default else None)
    repoint(apps, replace)
    Agency.objects.filter(pk__in=delete).delete()
    for pk, change in updates.items():
        row = Agency.objects.get(pk=pk)
        if "translation_key" in change and Agency.objects.filter(
                translation_key=change["translation_key"], locale_id=row.locale_id).exists():
            del change["translation_key"]  # that language has the agency under another code
        if change:
            Agency.objects.filter(pk=pk).update(**change)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_scheduled_run"),
        ("bulletin", "0004_issue_newest_index"),
        ("consumer", "0001_initial"),
        ("opendata", "0001_initial"),
        ("petitions", "0005_receipt_gave_up"),
        ("sistercities", "0001_initial"),
    ]

    operations = [migrations.RunPython(merge_agencies, migrations.RunPython.noop, elidable=True)]
