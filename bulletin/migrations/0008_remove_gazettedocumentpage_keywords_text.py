from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('bulletin', '0007_split_gazette_keywords'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='gazettedocumentpage',
            name='keywords_text',
        ),
    ]
