"""Step 3 of 4 of turning the check link round: the journal's old column goes
(its links were copied to ``SavedCheck.journal_entry`` in safety 0008)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0003_free_text_encrypted_at_rest"),
        ("safety", "0008_copy_check_links"),
    ]

    operations = [
        migrations.RemoveField(model_name="journalentry", name="safety_check"),
    ]
