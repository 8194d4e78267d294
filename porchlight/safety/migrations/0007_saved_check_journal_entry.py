"""Turn the link between a saved check and its journal entry round.

It was ``JournalEntry.safety_check``; it becomes ``SavedCheck.journal_entry``, so
the safety app points at the journal and the journal knows nothing of safety.
Step 1 of 3: add the new column (without a reverse name yet) and copy every link.
"""

from django.db import migrations, models


def copy_links(apps, schema_editor):
    JournalEntry = apps.get_model("journal", "JournalEntry")
    SavedCheck = apps.get_model("safety", "SavedCheck")
    links = JournalEntry.objects.filter(safety_check__isnull=False).values_list(
        "id", "safety_check_id"
    )
    for entry_id, check_id in links.iterator():
        SavedCheck.objects.filter(id=check_id).update(journal_entry_id=entry_id)


def copy_links_back(apps, schema_editor):
    JournalEntry = apps.get_model("journal", "JournalEntry")
    SavedCheck = apps.get_model("safety", "SavedCheck")
    links = SavedCheck.objects.filter(journal_entry__isnull=False).values_list(
        "id", "journal_entry_id"
    )
    for check_id, entry_id in links.iterator():
        JournalEntry.objects.filter(id=entry_id).update(safety_check_id=check_id)


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
        migrations.RunPython(copy_links, copy_links_back),
    ]
