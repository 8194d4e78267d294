from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from porchlight.core import encryption


class Command(BaseCommand):
    help = (
        "Encrypt free text saved before PORCHLIGHT_ENCRYPTION_KEYS was set, and re-encrypt "
        "everything with the first key (run after adding a new key, before dropping the old)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only report how many values are still stored as plain text (exit 1 if any).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not encryption.enabled():
            raise CommandError(
                "PORCHLIGHT_ENCRYPTION_KEYS is not set. Make a key with "
                "`porchlight generate_encryption_key` and set it first."
            )
        if options["check"]:
            plain = encryption.count_plain()
            for label, count in plain.items():
                self.stdout.write(f"{label}: {count} value(s) stored as plain text")
            if plain:
                raise CommandError("Some text is not encrypted: run `porchlight encrypt_text`.")
            self.stdout.write(self.style.SUCCESS("All free text is encrypted."))
            return
        for label, rows in encryption.reencrypt_all().items():
            self.stdout.write(f"{label}: {rows} row(s) written with the current key")
        self.stdout.write(
            self.style.SUCCESS("Done: all free text is encrypted with the first key.")
        )
