"""Turn the link between a saved check and its journal entry round.

It was ``JournalEntry.safety_check``; it becomes ``SavedCheck.journal_entry``, so
the safety app points at the journal and the journal knows nothing of safety.
Step 1 of 4: add the new column, without a reverse name yet.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0003_free_text_encrypted_at_rest"),
        ("safety", "0006_saved_check_private"),
    ]

    operations = [
        migrations.AddField(
            model_name="savedcheck",
            name="journal_entry",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to="journal.journalentry",
            ),
        ),
    ]
