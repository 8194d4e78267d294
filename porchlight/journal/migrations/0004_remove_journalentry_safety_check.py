"""Step 2 of 3 of turning the check link round: the journal's old column goes
(its links were copied to ``SavedCheck.journal_entry`` in safety 0007)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0003_free_text_encrypted_at_rest"),
        ("safety", "0007_saved_check_journal_entry"),
    ]

    operations = [
        migrations.RemoveField(model_name="journalentry", name="safety_check"),
    ]
