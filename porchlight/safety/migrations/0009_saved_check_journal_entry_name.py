"""Step 4 of 4: with the journal's column gone, ``entry.safety_check`` reads the link."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0004_remove_journalentry_safety_check"),
        ("safety", "0008_copy_check_links"),
    ]

    operations = [
        migrations.AlterField(
            model_name="savedcheck",
            name="journal_entry",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="safety_check",
                to="journal.journalentry",
            ),
        ),
    ]
