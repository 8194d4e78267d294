"""Step 2 of 4 of turning the check link round: copy every link to the new column.

A migration of its own: PostgreSQL refuses to alter a table in the same transaction
that left it with pending foreign-key checks.
"""

from django.db import migrations


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
    dependencies = [("safety", "0007_saved_check_journal_entry")]

    operations = [migrations.RunPython(copy_links, copy_links_back)]
