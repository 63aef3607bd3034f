"""Each kind of consumer notice becomes its own page type, so an editor sees only the
fields of the kind they chose.

The kinds' fields move from consumer_consumernoticepage to one table per kind, which
inherits from it (multi-table, as Wagtail page types do); `kind` stays on the shared table.
Every existing notice gets a row in its kind's table, and everything that names a page's
specific type follows it: the page, its revisions (whose content also drops the other
kinds' fields), log entries, workflow states, the reference and search indexes, and
wagtail-localize's translation sources. Reversible: back, the fields return to the shared
table and the pages to the one type."""

import json

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.db import migrations, models

# The fields each kind's page type takes from the shared table, as in 0001; the partner
# agencies (many-to-many) go with inspections.
KIND_FIELDS = {
    "alert": ("alertnoticepage", ("affected", "advice")),
    "inspection": ("inspectionnoticepage", ("event_date", "inspected",
                                            "businesses_inspected", "findings", "follow_up")),
    "education": ("educationnoticepage", ("event_date", "venue", "audience", "attendance")),
    "committee": ("committeenoticepage", ("event_date", "decisions")),
    "clinic": ("clinicnoticepage", ("sessions",)),
}
STREAM_FIELDS = {"decisions", "sessions"}
# While both exist, the shared table's columns carry this prefix.
SHARED = "shared_"
EVERY_FIELD = {name for _model, names in KIND_FIELDS.values() for name in names} | {
    "partner_agencies"}


def _value(notice, name, prefix=""):
    value = getattr(notice, prefix + name)
    # A stream's stored form, not a value bound to the other model's blocks.
    return list(value.raw_data) if name in STREAM_FIELDS else value


def _copy_partners(source, source_field, target, target_field, pk):
    # Through the link tables: a historical model's parental many-to-many writes on save only.
    links = source._meta.get_field(source_field).remote_field.through
    new_links = target._meta.get_field(target_field).remote_field.through
    owner = f"{source._meta.model_name}_id"
    new_owner = f"{target._meta.model_name}_id"
    new_links.objects.bulk_create(
        new_links(**{new_owner: pk, "agency_id": agency_id})
        for agency_id in links.objects.filter(**{owner: pk}).values_list("agency_id",
                                                                         flat=True))


def _model(apps, app_label, name):
    try:
        return apps.get_model(app_label, name)
    except LookupError:  # an optional app that is not installed
        return None


def _retype(apps, notices, old_type, new_type, kept_fields):
    """Point everything that names the specific type of these pages at new_type."""
    pks = [notice.pk for notice in notices]
    ids = [str(pk) for pk in pks]
    apps.get_model("wagtailcore", "Page").objects.filter(pk__in=pks).update(
        content_type_id=new_type.pk)
    Revision = apps.get_model("wagtailcore", "Revision")
    for revision in Revision.objects.filter(content_type_id=old_type.pk, object_id__in=ids):
        content = {key: value for key, value in revision.content.items()
                   if key not in EVERY_FIELD or key in kept_fields}
        content["content_type"] = new_type.pk
        revision.content = content
        revision.content_type_id = new_type.pk
        revision.save(update_fields=["content", "content_type"])
    for app_label, name, field in (("wagtailcore", "PageLogEntry", "page_id"),
                                   ("wagtailcore", "WorkflowState", "object_id"),
                                   ("wagtailcore", "ReferenceIndex", "object_id"),
                                   ("wagtailsearch", "IndexEntry", "object_id")):
        model = _model(apps, app_label, name)
        if model is not None:
            model.objects.filter(content_type_id=old_type.pk, **{
                f"{field}__in": pks if field == "page_id" else ids}).update(
                content_type_id=new_type.pk)
    Source = _model(apps, "wagtail_localize", "TranslationSource")
    if Source is not None:
        keys = [notice.translation_key for notice in notices]
        for source in Source.objects.filter(specific_content_type_id=old_type.pk,
                                            object_id__in=keys):
            content = json.loads(source.content_json)
            content = {key: value for key, value in content.items()
                       if key not in EVERY_FIELD or key in kept_fields}
            content["content_type"] = new_type.pk
            source.content_json = json.dumps(content, cls=_Encoder)
            source.specific_content_type_id = new_type.pk
            source.save(update_fields=["content_json", "specific_content_type"])


class _Encoder(json.JSONEncoder):
    def default(self, o):
        return str(o)


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="consumer", model=model)[0]


def to_kind_pages(apps, schema_editor):
    Notice = apps.get_model("consumer", "ConsumerNoticePage")
    shared = _content_type(apps, "consumernoticepage")
    for kind, (model_name, names) in KIND_FIELDS.items():
        KindPage = apps.get_model("consumer", model_name)
        notices = list(Notice.objects.filter(kind=kind).order_by("pk"))
        for notice in notices:
            page = KindPage(consumernoticepage_ptr_id=notice.pk,
                            **{name: _value(notice, name, SHARED) for name in names})
            page.save_base(raw=True)  # the shared row is there already: only this table
            if kind == "inspection":
                _copy_partners(Notice, "shared_partner_agencies", KindPage, "partner_agencies",
                               notice.pk)
        kept = set(names) | ({"partner_agencies"} if kind == "inspection" else set())
        _retype(apps, notices, shared, _content_type(apps, model_name), kept)


def to_one_page_type(apps, schema_editor):
    Notice = apps.get_model("consumer", "ConsumerNoticePage")
    shared = _content_type(apps, "consumernoticepage")
    for kind, (model_name, names) in KIND_FIELDS.items():
        KindPage = apps.get_model("consumer", model_name)
        pages = list(KindPage.objects.order_by("pk"))
        for page in pages:
            Notice.objects.filter(pk=page.pk).update(
                kind=kind, **{SHARED + name: _value(page, name) for name in names})
            if kind == "inspection":
                _copy_partners(KindPage, "partner_agencies", Notice, "shared_partner_agencies",
                               page.pk)
        _retype(apps, pages, _content_type(apps, model_name), shared, EVERY_FIELD)


class Migration(migrations.Migration):

    dependencies = [
        ('consumer', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('portal', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailsearch', '0010_add_text_fields'),
        ('wagtail_localize', '0016_rename_page_revision_translationlog_revision'),
    ]

    operations = [
        # Out of the way of the kinds' fields of the same names until their values are copied.
        migrations.RenameField('consumernoticepage', 'advice', 'shared_advice'),
        migrations.RenameField('consumernoticepage', 'affected', 'shared_affected'),
        migrations.RenameField('consumernoticepage', 'sessions', 'shared_sessions'),
        migrations.RenameField('consumernoticepage', 'event_date', 'shared_event_date'),
        migrations.RenameField('consumernoticepage', 'decisions', 'shared_decisions'),
        migrations.RenameField('consumernoticepage', 'venue', 'shared_venue'),
        migrations.RenameField('consumernoticepage', 'audience', 'shared_audience'),
        migrations.RenameField('consumernoticepage', 'attendance', 'shared_attendance'),
        migrations.RenameField('consumernoticepage', 'follow_up', 'shared_follow_up'),
        migrations.RenameField('consumernoticepage', 'partner_agencies', 'shared_partner_agencies'),
        migrations.RenameField('consumernoticepage', 'businesses_inspected', 'shared_businesses_inspected'),
        migrations.RenameField('consumernoticepage', 'findings', 'shared_findings'),
        migrations.RenameField('consumernoticepage', 'inspected', 'shared_inspected'),
        migrations.CreateModel(
            name='AlertNoticePage',
            fields=[
                ('consumernoticepage_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='consumer.consumernoticepage')),
                ('affected', models.TextField(blank=True, verbose_name='affected products or businesses')),
                ('advice', models.TextField(blank=True, verbose_name='advice')),
            ],
            options={
                'verbose_name': 'Consumer alert',
            },
            bases=('consumer.consumernoticepage',),
        ),
        migrations.CreateModel(
            name='ClinicNoticePage',
            fields=[
                ('consumernoticepage_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='consumer.consumernoticepage')),
                ('sessions', wagtail.fields.StreamField([('session', 3)], blank=True, block_lookup={0: ('wagtail.blocks.DateBlock', (), {'label': 'date'}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'time', 'max_length': 40}), 2: ('wagtail.blocks.CharBlock', (), {'label': 'place', 'max_length': 120}), 3: ('wagtail.blocks.StructBlock', [[('date', 0), ('time', 1), ('place', 2)]], {})}, verbose_name='schedule of sessions')),
            ],
            options={
                'verbose_name': 'Debt-clearance legal clinic',
            },
            bases=('consumer.consumernoticepage',),
        ),
        migrations.CreateModel(
            name='CommitteeNoticePage',
            fields=[
                ('consumernoticepage_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='consumer.consumernoticepage')),
                ('event_date', models.DateField(blank=True, null=True, verbose_name='date of the meeting')),
                ('decisions', wagtail.fields.StreamField([('decision', 0)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'decision'})}, verbose_name='decisions')),
            ],
            options={
                'verbose_name': 'Committee decision',
            },
            bases=('consumer.consumernoticepage',),
        ),
        migrations.CreateModel(
            name='EducationNoticePage',
            fields=[
                ('consumernoticepage_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='consumer.consumernoticepage')),
                ('event_date', models.DateField(blank=True, null=True, verbose_name='date of the event')),
                ('venue', models.CharField(blank=True, max_length=200, verbose_name='venue')),
                ('audience', models.CharField(blank=True, max_length=200, verbose_name='audience')),
                ('attendance', models.PositiveIntegerField(blank=True, null=True, verbose_name='attendance')),
            ],
            options={
                'verbose_name': 'Education event',
            },
            bases=('consumer.consumernoticepage',),
        ),
        migrations.CreateModel(
            name='InspectionNoticePage',
            fields=[
                ('consumernoticepage_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='consumer.consumernoticepage')),
                ('event_date', models.DateField(blank=True, null=True, verbose_name='date of the inspection')),
                ('inspected', models.TextField(blank=True, verbose_name='what was inspected (products, venues, contracts)')),
                ('businesses_inspected', models.PositiveIntegerField(blank=True, null=True, verbose_name='businesses inspected')),
                ('findings', models.TextField(blank=True, verbose_name='findings')),
                ('follow_up', models.TextField(blank=True, verbose_name='follow-up')),
                ('partner_agencies', modelcluster.fields.ParentalManyToManyField(blank=True, to='portal.agency', verbose_name='partner agencies')),
            ],
            options={
                'verbose_name': 'Inspection result',
            },
            bases=('consumer.consumernoticepage',),
        ),
        migrations.AlterField(
            model_name='consumernoticepage',
            name='kind',
            field=models.CharField(choices=[('alert', 'Consumer alert'), ('inspection', 'Inspection result'), ('education', 'Education event'), ('committee', 'Committee decision'), ('clinic', 'Debt-clearance legal clinic')], editable=False, max_length=20, verbose_name='kind'),
        ),
        migrations.RunPython(to_kind_pages, to_one_page_type),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_advice',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_affected',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_sessions',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_event_date',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_decisions',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_venue',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_audience',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_attendance',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_follow_up',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_partner_agencies',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_businesses_inspected',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_findings',
        ),
        migrations.RemoveField(
            model_name='consumernoticepage',
            name='shared_inspected',
        ),
    ]
