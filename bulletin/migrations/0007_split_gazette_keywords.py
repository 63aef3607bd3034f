# Each document's comma-separated keywords (",", "，" or "、", as the old keyword_list split
# them) become its tags, in their order. Revisions get them too: a document waiting for
# its issue goes live from its latest revision, which must not lose its keywords.

import re

from django.db import migrations
from django.utils.text import slugify

SEPARATORS = re.compile(r"[,，、]")


def split(text):
    return list(dict.fromkeys(word.strip() for word in SEPARATORS.split(text or "")
                              if word.strip()))


def tag_for(Tag, known, name):
    if name not in known:
        known[name] = Tag.objects.filter(name=name).first()
        if known[name] is None:
            # Historical models lack taggit's save(), which makes the slug.
            known[name] = Tag.objects.create(name=name, slug=unique_slug(Tag, name))
    return known[name]


def unique_slug(Tag, name):
    base = slugify(name, allow_unicode=True)[:90] or "tag"
    slug, n = base, 1
    while Tag.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}_{n}"
    return slug


def forwards(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    Document = apps.get_model("bulletin", "GazetteDocumentPage")
    DocumentTag = apps.get_model("bulletin", "GazetteDocumentTag")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    known = {}
    rows = []
    for pk, text in Document.objects.exclude(keywords_text="").values_list("pk", "keywords_text"):
        rows += [DocumentTag(content_object_id=pk, tag=tag_for(Tag, known, word))
                 for word in split(text)]
    DocumentTag.objects.bulk_create(rows, batch_size=500)

    content_type = ContentType.objects.filter(app_label="bulletin",
                                              model="gazettedocumentpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content
        if not isinstance(content.get("keywords"), str):
            continue
        text = content.pop("keywords")
        content["tagged_items"] = [
            {"pk": None, "tag": tag_for(Tag, known, word).pk,
             "content_object": content.get("pk")}
            for word in split(text)]
        revision.content = content
        revision.save(update_fields=["content"])


def backwards(apps, schema_editor):
    Document = apps.get_model("bulletin", "GazetteDocumentPage")
    DocumentTag = apps.get_model("bulletin", "GazetteDocumentTag")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    Tag = apps.get_model("taggit", "Tag")
    words = {}
    for pk, name in (DocumentTag.objects.order_by("id")
                     .values_list("content_object_id", "tag__name")):
        words.setdefault(pk, []).append(name)
    for pk, names in words.items():
        Document.objects.filter(pk=pk).update(keywords_text="、".join(names)[:255])
    DocumentTag.objects.all().delete()

    content_type = ContentType.objects.filter(app_label="bulletin",
                                              model="gazettedocumentpage").first()
    if content_type is None:
        return
    names = dict(Tag.objects.values_list("pk", "name"))
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content
        if "tagged_items" not in content:
            continue
        items = content.pop("tagged_items")
        content["keywords"] = "、".join(names.get(item.get("tag"), "") for item in items)[:255]
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ('bulletin', '0006_gazette_document_tags'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
