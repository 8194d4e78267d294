from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from porchlight.accounts.models import User
from porchlight.yourdata.portability import CircleImportError, import_circle, read_export

MAX_BYTES = 200 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Create a circle from a Porchlight export (JSON), owned by the given account. "
        "The whole file is checked first; on any problem nothing is imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--owner", required=True, help="e-mail address of the new owner")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        owner = User.objects.filter(email__iexact=options["owner"]).first()
        if owner is None:
            raise CommandError(f"No account uses {options['owner']}.")
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path} is larger than {MAX_BYTES // 2**20} MB.")
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"Could not read {path}: {error.strerror or error}") from error
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{path}: not UTF-8 text (byte {error.start}). Nothing was imported."
            ) from error
        try:
            document, lines = read_export(text)
            imported = import_circle(document, owner=owner, lines=lines)
        except CircleImportError as error:
            count = len(error.problems)
            raise CommandError(
                f"{path} was not imported ({count} problem{'s' if count != 1 else ''}; "
                "nothing was written):\n" + error.describe(str(path))
            ) from error
        except DatabaseError as error:  # e.g. the database is read-only; rolled back
            raise CommandError(f"{path} was not imported: {error}. Nothing was written.") from error
        circle = imported.circle
        self.stdout.write(self.style.SUCCESS(f"Imported {circle.name}'s circle ({circle.id})."))
        for note in imported.notes:
            self.stdout.write(note)
