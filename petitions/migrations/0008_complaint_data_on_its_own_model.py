"""Complaint-only data moves from every case to a Complaint row beside each complaint case:
the table is made, the complaint cases' values copied into it, then the columns dropped.
Backwards, the columns come back and the values are copied home before the table goes."""

import django.db.models.deletion
from django.db import migrations, models

FIELDS = ("stage", "first_complaint_date", "first_complaint_result", "business_name",
          "business_address", "business_phone", "product_category", "transaction_date",
          "amount", "resolution_sought")


def to_complaints(apps, schema_editor):
    Case = apps.get_model("petitions", "Case")
    Complaint = apps.get_model("petitions", "Complaint")
    cases = Case.objects.filter(kind="complaint").values("pk", *FIELDS)
    Complaint.objects.bulk_create(
        [Complaint(case_id=row.pop("pk"), **row) for row in cases.iterator()], batch_size=500)


def to_cases(apps, schema_editor):
    Case = apps.get_model("petitions", "Case")
    Complaint = apps.get_model("petitions", "Complaint")
    for row in Complaint.objects.values("case_id", *FIELDS).iterator():
        Case.objects.filter(pk=row.pop("case_id")).update(**row)


class Migration(migrations.Migration):

    dependencies = [
        ('petitions', '0007_mark_keyed_tracking_hashes'),
    ]

    operations = [
        migrations.CreateModel(
            name='Complaint',
            fields=[
                ('case', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='complaint', serialize=False, to='petitions.case')),
                ('stage', models.CharField(blank=True, choices=[('first', 'First complaint'), ('second', 'Second complaint to the consumer protection officer'), ('mediation', 'Request for mediation')], max_length=20, verbose_name='stage')),
                ('first_complaint_date', models.DateField(blank=True, null=True, verbose_name='date of the first complaint')),
                ('first_complaint_result', models.TextField(blank=True, verbose_name='result of the first complaint')),
                ('business_name', models.CharField(blank=True, max_length=200, verbose_name='business name')),
                ('business_address', models.CharField(blank=True, max_length=200, verbose_name='business address')),
                ('business_phone', models.CharField(blank=True, max_length=40, verbose_name='business phone')),
                ('product_category', models.CharField(blank=True, max_length=100, verbose_name='product or service category')),
                ('transaction_date', models.DateField(blank=True, null=True, verbose_name='transaction date')),
                ('amount', models.PositiveIntegerField(blank=True, null=True, verbose_name='amount (NT$)')),
                ('resolution_sought', models.TextField(blank=True, verbose_name='resolution sought')),
            ],
            options={
                'verbose_name': 'consumer complaint',
                'verbose_name_plural': 'consumer complaints',
            },
        ),
        migrations.RunPython(to_complaints, to_cases),
        migrations.RemoveField(
            model_name='case',
            name='amount',
        ),
        migrations.RemoveField(
            model_name='case',
            name='business_address',
        ),
        migrations.RemoveField(
            model_name='case',
            name='business_name',
        ),
        migrations.RemoveField(
            model_name='case',
            name='business_phone',
        ),
        migrations.RemoveField(
            model_name='case',
            name='first_complaint_date',
        ),
        migrations.RemoveField(
            model_name='case',
            name='first_complaint_result',
        ),
        migrations.RemoveField(
            model_name='case',
            name='product_category',
        ),
        migrations.RemoveField(
            model_name='case',
            name='resolution_sought',
        ),
        migrations.RemoveField(
            model_name='case',
            name='stage',
        ),
        migrations.RemoveField(
            model_name='case',
            name='transaction_date',
        ),
    ]
