"""Store every e-mail address in lower case, so log-in finds it however it is typed.

An address is left as it is when lowering it would collide with another
account's (two accounts that differ only by capitals): merging accounts is a
decision for a person, not a migration. Such addresses are named on the console.
"""

from collections import Counter

from django.db import migrations


def lowercase_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    addresses = dict(User.objects.values_list("id", "email"))
    counts = Counter(email.strip().lower() for email in addresses.values())
    for user_id, email in addresses.items():
        lowered = email.strip().lower()
        if lowered == email:
            continue
        if counts[lowered] > 1:
            print(f"\n  Not lower-cased (another account has the same address): user id {user_id}")
            continue
        User.objects.filter(id=user_id).update(email=lowered)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(lowercase_addresses, migrations.RunPython.noop)]
