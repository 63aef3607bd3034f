# The gazette's keywords become taggit tags, as open data's are: the comma-separated text
# moves aside (keywords_text) while the tags are made from it (0007), then goes (0008).

import django.db.models.deletion
import modelcluster.contrib.taggit
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('bulletin', '0005_hold_documents_of_issues_not_live'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
    ]

    operations = [
        migrations.RenameField(
            model_name='gazettedocumentpage',
            old_name='keywords',
            new_name='keywords_text',
        ),
        migrations.CreateModel(
            name='GazetteDocumentTag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content_object', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='tagged_items', to='bulletin.gazettedocumentpage')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='%(app_label)s_%(class)s_items', to='taggit.tag')),
            ],
            options={
                'ordering': ['id'],
            },
        ),
        migrations.AddField(
            model_name='gazettedocumentpage',
            name='keywords',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='bulletin.GazetteDocumentTag', to='taggit.Tag', verbose_name='keywords'),
        ),
    ]
